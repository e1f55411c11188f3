/**
 * Written consents (Art 2.1 read with 4, Art 3, Art 6.1): recorded by staff from paper, granted by
 * the client through the API, revoked by either; `Contract.writtenConsents` and `writtenConsents`.
 */
import { defineFeature, type Feature } from '@azukari/service-kit';
import type { ContractsDeps } from '../deps';
import { WrittenConsentEntity } from './written-consent.entity';
import { writtenConsentLoaders, type WrittenConsentLoaders } from './written-consent.loaders';
import { ContractWrittenConsentsResolver, WrittenConsentResolver } from './written-consent.resolver';

export const writtenConsentFeature: Feature<ContractsDeps, WrittenConsentLoaders> = defineFeature({
  name: 'written-consent',
  entities: [WrittenConsentEntity],
  resolvers: [WrittenConsentResolver, ContractWrittenConsentsResolver],
  loaders: writtenConsentLoaders,
});
