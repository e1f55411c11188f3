/**
 * What a schedule enqueues: a catalog job whose payload names the schedule and the occurrence. Apart
 * from schedules.ts, so that the job catalog can define such jobs without importing the queues.
 */
import { z } from 'zod';
import { defineJob, type JobDefinition } from './job';
import type { QueueName } from './queue-names';

export const scheduleName = z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/);

/** The payload of every scheduled job: which schedule, and which occurrence of it. */
export const occurrenceSchema = z.object({ schedule: scheduleName, occurrence: z.iso.datetime({ offset: true }) });
export type Occurrence = z.infer<typeof occurrenceSchema>;
export type ScheduledJobDefinition = JobDefinition<typeof occurrenceSchema>;

/** A catalog job that a schedule enqueues: add it to `JOBS` and handle it like any other job. */
export const defineScheduledJob = (name: string, queue: QueueName): ScheduledJobDefinition => defineJob(name, queue, occurrenceSchema);
