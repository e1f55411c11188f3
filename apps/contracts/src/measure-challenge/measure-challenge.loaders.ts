/** Per-request loaders of challenge threads' messages: one statement per request. */
import DataLoader from 'dataloader';
import type { TenantScope } from '@azukari/db';
import type { ContractsDeps } from '../deps';
import type { SafetyMeasureChallengeMessageEntity } from './measure-challenge.entity';
import { MeasureChallengeMessageRepository } from './measure-challenge.repository';

export const measureChallengeLoaders = (deps: ContractsDeps, scope: TenantScope) => ({
  challengeMessages: new DataLoader<string, SafetyMeasureChallengeMessageEntity[]>(async (ids) => {
    const rows = await new MeasureChallengeMessageRepository(deps.dataSource.manager, scope).ofChallenges(ids);
    return ids.map((id) => rows.filter((m) => m.challengeId === id));
  }),
});
export type MeasureChallengeLoaders = ReturnType<typeof measureChallengeLoaders>;
