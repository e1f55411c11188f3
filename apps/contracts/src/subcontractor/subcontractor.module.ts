/** Subcontractors: the operator's register of re-entrusted parties (Art 6), each with its name and address. */
import { defineFeature, type Feature } from '@azukari/service-kit';
import type { ContractsDeps } from '../deps';
import { SubcontractorEntity } from './subcontractor.entity';
import { subcontractorLoaders, type SubcontractorLoaders } from './subcontractor.loaders';
import { SubcontractorResolver } from './subcontractor.resolver';

export const subcontractorFeature: Feature<ContractsDeps, SubcontractorLoaders> = defineFeature({
  name: 'subcontractor',
  entities: [SubcontractorEntity],
  resolvers: [SubcontractorResolver],
  loaders: subcontractorLoaders,
});
