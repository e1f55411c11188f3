import { CORE_ENTITIES } from '@azukari/db';
import { entitiesOf } from '@azukari/service-kit';
import { CONTRACTS_FEATURES } from './features';

export const ENTITIES = [...CORE_ENTITIES, ...entitiesOf(CONTRACTS_FEATURES)];
