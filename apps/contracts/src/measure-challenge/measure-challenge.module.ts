/**
 * Challenges of the safety measures as insufficient (Art 5.3): a thread per client and measure,
 * with messages from both sides and the service's content, scale and fees noted, until staff close
 * it with its outcome, which is reported to the client.
 */
import { defineFeature, type Feature } from '@azukari/service-kit';
import type { ContractsDeps } from '../deps';
import { SafetyMeasureChallengeEntity, SafetyMeasureChallengeMessageEntity } from './measure-challenge.entity';
import { measureChallengeLoaders, type MeasureChallengeLoaders } from './measure-challenge.loaders';
import { MeasureChallengeResolver } from './measure-challenge.resolver';

export const measureChallengeFeature: Feature<ContractsDeps, MeasureChallengeLoaders> = defineFeature({
  name: 'measure-challenge',
  entities: [SafetyMeasureChallengeEntity, SafetyMeasureChallengeMessageEntity],
  resolvers: [MeasureChallengeResolver],
  loaders: measureChallengeLoaders,
});
