/** The contracts subgraph's features, listed once: its schema, entities, loaders, routes and consumers follow. */
import { apiTokenFeature } from './api-token/api-token.module';
import { clientFeature } from './client/client.module';
import { clientReportFeature } from './client-report/client-report.module';
import { contractFeature } from './contract/contract.module';
import { viewerFeature } from './viewer/viewer.module';

export const CONTRACTS_FEATURES = [clientFeature, contractFeature, apiTokenFeature, clientReportFeature, viewerFeature] as const;
