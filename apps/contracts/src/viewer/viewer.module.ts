/** `viewer`: who the caller is, for any token. */
import { defineFeature } from '@azukari/service-kit';
import type { ContractsDeps } from '../deps';
import { ViewerResolver } from './viewer.resolver';

export const viewerFeature = defineFeature<ContractsDeps>({ name: 'viewer', resolvers: [ViewerResolver] });
