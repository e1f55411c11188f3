/**
 * Delivers one client report to the client's webhook endpoint, signed as Standard Webhooks
 * specifies, with `webhook-id` = the report id: a receiver that sees a delivery again (a retry, a
 * crash after sending) counts it once. The worker holds no database: it asks contracts for the
 * endpoint, the secret and the exact body, and puts the outcome on the results queue.
 */
import { UnrecoverableError } from 'bullmq';
import { Webhook } from 'standardwebhooks';
import { DomainError, ErrorCode, type Clock, type RouteResponse, type ServiceClient } from '@azukari/common';
import { ClientReportDeliveryOutcome, type ClientReportDelivery, type Handler, type JobPayload, type Producer } from '@azukari/jobs';
import { WebhookDeliveryDetails } from '@azukari/routes';
import type { WorkerMetrics } from '../metrics';

type WebhookDelivery = RouteResponse<typeof WebhookDeliveryDetails>;

export interface DeliveryDeps {
  services: ServiceClient;
  /** Outcomes go back through the producer, with the catalog's retries: never given up early. */
  producer: Producer;
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
    const attempt = ctx.attemptsMade + 1;
    const report = async (status: 'DELIVERED' | 'FAILED', responseStatus: number | null, error: string | null) => {
      const at = deps.clock.now().toISOString();
      // The delivery's event id: one outcome per delivery, however often this attempt is retried.
      await deps.producer.enqueue(ClientReportDeliveryOutcome, {
        eventId: ctx.eventId,
        occurredAt: at,
        trace: ctx.trace,
        payload: { reportId: payload.reportId, channel: payload.channel, status, attempts: attempt, at, responseStatus, error },
      });
    };

    let delivery: WebhookDelivery;
    try {
      delivery = await deps.services.call(WebhookDeliveryDetails, { reportId: payload.reportId }, null, ctx.trace);
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
