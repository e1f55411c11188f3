/**
 * On-site inspections (Art 13.2–13.5): the client's notice, the operator's answer, the NDA and the
 * acknowledgement of the rules of entry and exit that confirmation waits for, the discussion that
 * must precede any cost, and the reports each answer owes the client. `Contract.inspections` too.
 */
import { defineFeature, type Feature } from '@azukari/service-kit';
import type { ContractsDeps } from '../deps';
import { InspectionContractEntity, InspectionCostDiscussionEntity, InspectionCostEntity, InspectionEntity } from './inspection.entity';
import { inspectionLoaders, type InspectionLoaders } from './inspection.loaders';
import { ContractInspectionsResolver, InspectionResolver } from './inspection.resolver';

export const inspectionFeature: Feature<ContractsDeps, InspectionLoaders> = defineFeature({
  name: 'inspection',
  entities: [InspectionEntity, InspectionContractEntity, InspectionCostDiscussionEntity, InspectionCostEntity],
  resolvers: [InspectionResolver, ContractInspectionsResolver],
  loaders: inspectionLoaders,
});
