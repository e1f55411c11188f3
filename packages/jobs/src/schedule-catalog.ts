/**
 * Every schedule, defined once (see schedules.ts). The worker ticks them all. Adding one takes two
 * lines and a handler:
 *
 *   // catalog.ts: the job it enqueues, on the owning service's queue (and listed in JOBS)
 *   export const OverdueClientReportsDue = defineScheduledJob('client-reports.overdue-due', QueueName.CONTRACTS_EVENTS);
 *   // here: when it recurs (and listed in SCHEDULES)
 *   export const OverdueClientReports = defineSchedule('overdue-client-reports', { cron: '0 9 * * *', tz: 'Asia/Tokyo' }, OverdueClientReportsDue);
 *
 * and the owning service handles the job like any other: `handle(OverdueClientReportsDue, async ({ occurrence }) => ...)`.
 */
import { OverdueClientReportsDue } from './catalog';
import { defineSchedule, type ScheduleDefinition } from './schedules';

/** Reports undelivered past their due time, escalated to staff within a minute (contracts). */
export const OverdueClientReports = defineSchedule('overdue-client-reports', { everyMs: 60_000 }, OverdueClientReportsDue);

export const SCHEDULES: readonly ScheduleDefinition[] = [OverdueClientReports];
