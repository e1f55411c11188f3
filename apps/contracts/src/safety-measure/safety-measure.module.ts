/**
 * Safety management measures (Art 5): the operator's catalogue in four categories and contracts'
 * additions, every change a kept version reported to every client it touches (5.2); measures
 * applied to contracts and shown on them (`Contract.safetyMeasures`).
 */
import { defineFeature, type Feature } from '@azukari/service-kit';
import type { ContractsDeps } from '../deps';
import { ContractSafetyMeasureEntity } from './contract-safety-measure.entity';
import { SafetyMeasureEntity } from './safety-measure.entity';
import { SafetyMeasureVersionEntity } from './safety-measure-version.entity';
import { safetyMeasureLoaders, type SafetyMeasureLoaders } from './safety-measure.loaders';
import { ContractSafetyMeasuresResolver, SafetyMeasureResolver } from './safety-measure.resolver';

export const safetyMeasureFeature: Feature<ContractsDeps, SafetyMeasureLoaders> = defineFeature({
  name: 'safety-measure',
  entities: [SafetyMeasureEntity, SafetyMeasureVersionEntity, ContractSafetyMeasureEntity],
  resolvers: [SafetyMeasureResolver, ContractSafetyMeasuresResolver],
  loaders: safetyMeasureLoaders,
});
