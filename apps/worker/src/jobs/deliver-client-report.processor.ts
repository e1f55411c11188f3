/**
 * Delivers one client report through one channel and reports every try's outcome to contracts.
 *
 * By webhook, signed as Standard Webhooks specifies with `webhook-id` = the report id (a receiver
 * that sees a delivery again, a retry or a crash after sending, counts it once), by every secret
 * that signs now. 2xx is delivered; 410 Gone ends the delivery and contracts disables the endpoint;
 * any other answer, or none, is tried again over about three days (DELIVERY_RETRIES), never sooner
 * than `Retry-After`. An address refused by the SSRF check fails at once: no retry reaches it.
 *
 * By email, to the client's report address, in its language: a 5xx answer of the mail server
 * ends it, anything else is tried again on the same schedule.
 *
 * The worker holds no database: it asks contracts what to send, and puts each try's outcome on
 * the results queue, under an id drawn from the delivery and the try, so one try is one outcome
 * however often a crash makes it run again.
 */
import { UnrecoverableError } from 'bullmq';
import { Webhook } from 'standardwebhooks';
import { DomainError, ErrorCode, type Clock, type RouteResponse, type ServiceClient } from '@azukari/common';
import {
  ClientReportDeliveryOutcome,
  RetryAfterError,
  eventIdFrom,
  type ClientReportDelivery,
  type Handler,
  type JobContext,
  type JobPayload,
  type Producer,
} from '@azukari/jobs';
import { EmailDeliveryDetails, WebhookDeliveryDetails } from '@azukari/routes';
import { MailDeliveryError, type MailChannel } from '../email/mail-channel';
import type { WorkerMetrics } from '../metrics';
import type { EndpointLimiter } from '../webhooks/endpoint-limiter';
import type { AllowedTarget } from '../webhooks/outbound-allow-list';
import { postWebhook, WebhookRequestError } from '../webhooks/webhook-post';

type Delivery = JobPayload<typeof ClientReportDelivery>;
type Status = JobPayload<typeof ClientReportDeliveryOutcome>['status'];

export interface DeliveryDeps {
  services: ServiceClient;
  /** Outcomes go back through the producer, with the catalog's retries: never given up early. */
  producer: Producer;
  clock: Clock;
  metrics: WorkerMetrics;
  timeoutMs: number;
  limiter: EndpointLimiter;
  allowList: readonly AllowedTarget[];
  mail: MailChannel;
}

/** How a try ended, before it becomes an outcome. */
interface Tried {
  status: Status;
  responseStatus: number | null;
  error: string | null;
  /** Thrown to the queue after the outcome is recorded: the next try's cue, or its end. */
  rethrow: Error | null;
}

const delivered = (responseStatus: number): Tried => ({ status: 'DELIVERED', responseStatus, error: null, rethrow: null });
const final = (status: 'FAILED' | 'GONE', responseStatus: number | null, error: string): Tried => ({
  status,
  responseStatus,
  error,
  rethrow: new UnrecoverableError(error),
});
const again = (responseStatus: number | null, error: Error): Tried => ({
  status: 'RETRYING',
  responseStatus,
  error: error.message.slice(0, 500),
  rethrow: error,
});

const byWebhook = async (deps: DeliveryDeps, payload: Delivery, ctx: JobContext): Promise<Tried> => {
  let details: RouteResponse<typeof WebhookDeliveryDetails>;
  try {
    details = await deps.services.call(WebhookDeliveryDetails, { deliveryId: payload.deliveryId }, null, ctx.trace);
  } catch (error) {
    if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND) return final('FAILED', null, error.message);
    return again(null, error as Error);
  }
  const at = deps.clock.now();
  // Both secrets sign during a rotation's overlap: the header carries a signature for each.
  const signature = details.secrets.map((secret) => new Webhook(secret).sign(details.reportId, at, details.body)).join(' ');
  try {
    const response = await postWebhook(
      details.url,
      {
        'content-type': 'application/json',
        'user-agent': 'Azukari-Webhooks/1',
        'webhook-id': details.reportId,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signature,
      },
      details.body,
      { timeoutMs: deps.timeoutMs, allowList: deps.allowList, now: () => deps.clock.now(), signal: ctx.signal },
    );
    if (response.status >= 200 && response.status < 300) return delivered(response.status);
    if (response.status === 410) return final('GONE', 410, 'the endpoint answered 410 Gone: it is disabled');
    const message = `the endpoint answered ${response.status}`;
    return again(
      response.status,
      response.retryAfterMs !== null ? new RetryAfterError(message, response.retryAfterMs) : new Error(message),
    );
  } catch (error) {
    if (!(error instanceof WebhookRequestError)) throw error;
    return error.permanent ? final('FAILED', null, error.message) : again(null, error);
  }
};

const byEmail = async (deps: DeliveryDeps, payload: Delivery, ctx: JobContext): Promise<Tried> => {
  let details: RouteResponse<typeof EmailDeliveryDetails>;
  try {
    details = await deps.services.call(EmailDeliveryDetails, { deliveryId: payload.deliveryId }, null, ctx.trace);
  } catch (error) {
    if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND) return final('FAILED', null, error.message);
    return again(null, error as Error);
  }
  try {
    const sent = await deps.mail.sendReport(details);
    return delivered(sent.responseCode);
  } catch (error) {
    if (!(error instanceof MailDeliveryError)) throw error;
    return error.permanent ? final('FAILED', error.responseCode, error.message) : again(error.responseCode, error);
  }
};

export const deliverClientReport =
  (deps: DeliveryDeps): Handler<typeof ClientReportDelivery> =>
  async (payload, ctx) => {
    const endpointId = payload.endpointId;
    // Over its endpoint's limit: back in a moment, without counting a try.
    if (endpointId && !deps.limiter.tryAcquire(endpointId)) return await ctx.postpone(250 + Math.floor(Math.random() * 500));
    const attempt = ctx.attemptsMade + 1;
    const channel = payload.channel === 'WEBHOOK' ? 'webhook' : 'email';
    const startedAt = Date.now();
    const timer = deps.metrics.deliverySeconds.startTimer({ channel });
    let tried: Tried;
    try {
      tried = payload.channel === 'WEBHOOK' ? await byWebhook(deps, payload, ctx) : await byEmail(deps, payload, ctx);
    } finally {
      timer();
      if (endpointId) deps.limiter.release(endpointId);
    }
    // Tries spent: what would have been another try is the last.
    if (tried.status === 'RETRYING' && attempt >= ctx.maxAttempts) {
      tried = final('FAILED', tried.responseStatus, `${tried.error ?? 'failed'} (after ${attempt} tries)`.slice(0, 500));
    }
    const at = deps.clock.now();
    const nextAttemptAt = tried.status === 'RETRYING' ? new Date(at.getTime() + ctx.retryDelayAfter(tried.rethrow)).toISOString() : null;
    await deps.producer.enqueue(ClientReportDeliveryOutcome, {
      // One try, one outcome: a try that runs again after a crash reports under the same id.
      eventId: eventIdFrom(ctx.jobId, attempt),
      occurredAt: at.toISOString(),
      trace: ctx.trace,
      payload: {
        deliveryId: payload.deliveryId,
        reportId: payload.reportId,
        channel: payload.channel,
        status: tried.status,
        attempt,
        at: at.toISOString(),
        durationMs: Date.now() - startedAt,
        responseStatus: tried.responseStatus,
        error: tried.error,
        nextAttemptAt,
      },
    });
    const outcome =
      tried.status === 'DELIVERED' ? 'delivered' : tried.status === 'RETRYING' ? 'retry' : tried.status === 'GONE' ? 'gone' : 'failed';
    deps.metrics.deliveries.inc({ channel, outcome });
    const fields = { reportId: payload.reportId, deliveryId: payload.deliveryId, channel: payload.channel, attempt, err: tried.error };
    if (tried.status === 'DELIVERED') ctx.log.info(fields, 'report delivered');
    else
      ctx.log.warn(
        { ...fields, nextAttemptAt },
        tried.status === 'RETRYING' ? 'report delivery will be retried' : 'report delivery failed',
      );
    if (tried.rethrow) throw tried.rethrow;
  };
