/** The custody subgraph's features, listed once: its schema, entities, loaders, routes and consumers follow. */
import { dataAssetFeature } from './data-asset/data-asset.module';

export const CUSTODY_FEATURES = [dataAssetFeature] as const;
