/**
 * For tests that call a service or change rows directly instead of through a request or a queue:
 * they act as the consumer of a job would, or as a named test step, so the audit hook knows who acts.
 */
import { jobAccess, newAccessContext, runAs } from '@azukari/common';

/** Runs `work` as the consumer of `jobName` does (consumer.ts). */
export const asJob = async <T>(jobName: string, work: () => Promise<T>): Promise<T> => await runAs(jobAccess(jobName, null), work);

/** Runs `work` as a system actor named `step`, for a test's own changes to rows no feature changes yet. */
export const asTestStep = async <T>(step: string, work: () => Promise<T>): Promise<T> =>
  await runAs(newAccessContext({ actor: { kind: 'system', id: `test:${step}` }, trace: null }), work);
