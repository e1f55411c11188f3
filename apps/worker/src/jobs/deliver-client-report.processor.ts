/**
 * Delivers one client report to the client's webhook endpoint, signed as Standard Webhooks
 * specifies, with `webhook-id` = the report id: a receiver that sees a delivery again (a retry, a
 * crash after sending) counts it once. The worker holds no database: it asks contracts for the
 * endpoint, the secret and the exact body, and puts the outcome on the results queue.
 */
import { UnrecoverableError, type Queue } from 'bullmq';
import { Webhook } from 'standardwebhooks';
import { DomainError, ErrorCode, type Clock, type ServiceClient } from '@azukari/common';
import { ClientReportDelivery, ClientReportDeliveryOutcome, jobIdFor, type Handler, type JobPayload } from '@azukari/jobs';
import type { WorkerMetrics } from '../metrics';

interface WebhookDelivery {
  reportId: string;
  url: string;
  secret: string;
  body: string;
}

interface Envelope {
  eventId: string;
  trace: string | null;
}

export interface DeliveryDeps {
  services: ServiceClient;
  results: Queue;
  clock: Clock;
  metrics: WorkerMetrics;
  timeoutMs: number;
}

/** The answer of an endpoint that will not change on retry. */
const PERMANENT_STATUSES = new Set([400, 401, 403, 404, 410, 413, 422]);

class DeliveryFailure extends Error {
  constructor(
    message: string,
    readonly responseStatus: number | null,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

const post = async (delivery: WebhookDelivery, at: Date, timeoutMs: number): Promise<number> => {
  const signature = new Webhook(delivery.secret).sign(delivery.reportId, at, delivery.body);
  let response: Response;
  try {
    response = await fetch(delivery.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Azukari-Webhooks/1',
        'webhook-id': delivery.reportId,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body: delivery.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The status is all we need; an endpoint streaming a large body must not fill the worker's memory.
    await response.body?.cancel().catch(() => undefined);
  } catch (error) {
    throw new DeliveryFailure(`could not reach the endpoint: ${(error as Error).message}`.slice(0, 500), null, false);
  }
  if (response.status >= 200 && response.status < 300) return response.status;
  throw new DeliveryFailure(`the endpoint answered ${response.status}`, response.status, PERMANENT_STATUSES.has(response.status));
};

export const deliverClientReport =
  (deps: DeliveryDeps): Handler<typeof ClientReportDelivery> =>
  async (payload: JobPayload<typeof ClientReportDelivery>, ctx) => {
    const envelope = ctx.job.data as Envelope;
    const attempt = ctx.attemptsMade + 1;
    const report = async (status: 'DELIVERED' | 'FAILED', responseStatus: number | null, error: string | null) => {
      const outcome = ClientReportDeliveryOutcome.schema.parse({
        reportId: payload.reportId,
        channel: payload.channel,
        status,
        attempts: attempt,
        at: deps.clock.now().toISOString(),
        responseStatus,
        error,
      });
      await deps.results.add(
        ClientReportDeliveryOutcome.name,
        { eventId: envelope.eventId, occurredAt: outcome.at, trace: envelope.trace, payload: outcome },
        { jobId: jobIdFor('worker', envelope.eventId) },
      );
    };

    let delivery: WebhookDelivery;
    try {
      delivery = await deps.services.post<WebhookDelivery>(
        'contracts',
        '/deliveries/webhook',
        { reportId: payload.reportId },
        null,
        envelope.trace ?? undefined,
      );
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND) {
        await report('FAILED', null, error.message);
        throw new UnrecoverableError(error.message);
      }
      // Out of attempts with contracts unreachable: the report must not stay PENDING for ever.
      if (attempt >= ctx.maxAttempts)
        await report('FAILED', null, `delivery details unavailable: ${(error as Error).message}`.slice(0, 500));
      throw error;
    }

    const timer = deps.metrics.deliverySeconds.startTimer({ channel: 'webhook' });
    try {
      const status = await post(delivery, deps.clock.now(), deps.timeoutMs);
      deps.metrics.deliveries.inc({ channel: 'webhook', outcome: 'delivered' });
      ctx.log.info({ reportId: payload.reportId, status, attempt }, 'report delivered');
      await report('DELIVERED', status, null);
    } catch (error) {
      if (!(error instanceof DeliveryFailure)) throw error;
      const last = error.permanent || attempt >= ctx.maxAttempts;
      deps.metrics.deliveries.inc({ channel: 'webhook', outcome: last ? 'failed' : 'retry' });
      ctx.log.warn(
        { reportId: payload.reportId, attempt, err: error.message },
        last ? 'report delivery failed' : 'report delivery will be retried',
      );
      if (last) {
        await report('FAILED', error.responseStatus, error.message);
        throw new UnrecoverableError(error.message);
      }
      throw error;
    } finally {
      timer();
    }
  };
