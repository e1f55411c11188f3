/** The custody subgraph's features, listed once: its schema, entities, loaders, routes and consumers follow. */
import { auditTrailFeature } from '@azukari/service-kit';
import { dataAssetFeature } from './data-asset/data-asset.module';

export const CUSTODY_FEATURES = [dataAssetFeature, auditTrailFeature('custody')] as const;
