import { CORE_ENTITIES } from '@azukari/db';
import { entitiesOf } from '@azukari/service-kit';
import { CUSTODY_FEATURES } from './features';

export const ENTITIES = [...CORE_ENTITIES, ...entitiesOf(CUSTODY_FEATURES)];
