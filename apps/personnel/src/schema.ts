import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema, PageInfo } from '@azukari/service-kit';
import { CustodianshipResolver } from './custodianship/custodianship.resolver';
import { DataAsset } from './custodianship/custodianship.type';
import { EmployeeResolver } from './employee/employee.resolver';
import { employeeReferences } from './employee/employee.reference';

export const buildPersonnelSchema = async (): Promise<GraphQLSchema> =>
  await buildFederatedSchema({
    resolvers: [EmployeeResolver, CustodianshipResolver],
    // DataAsset is reached from no root field here: it is custody's entity that personnel extends.
    orphanedTypes: [PageInfo, DataAsset],
    references: employeeReferences,
  });
