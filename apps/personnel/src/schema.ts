import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema, PageInfo } from '@azukari/service-kit';
import { EmployeeResolver } from './employee/employee.resolver';
import { employeeReferences } from './employee/employee.reference';
import { DataAsset, DataAssetCustodianResolver } from './federated/data-asset';

export const buildPersonnelSchema = async (): Promise<GraphQLSchema> =>
  await buildFederatedSchema({
    resolvers: [EmployeeResolver, DataAssetCustodianResolver],
    // DataAsset is reached from no root field here: it is custody's entity that personnel extends.
    orphanedTypes: [PageInfo, DataAsset],
    references: employeeReferences,
  });
