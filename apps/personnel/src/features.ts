/** The personnel subgraph's features, listed once: its schema, entities, loaders, routes and consumers follow. */
import { auditTrailFeature } from '@azukari/service-kit';
import { custodianshipFeature } from './custodianship/custodianship.module';
import { employeeFeature } from './employee/employee.module';

export const PERSONNEL_FEATURES = [employeeFeature, custodianshipFeature, auditTrailFeature('personnel')] as const;
