/**
 * Tells a client by email that one of its webhook endpoints was disabled because it answered 410
 * Gone, and how to enable it again. Tried on the delivery schedule; a 5xx answer of the mail
 * server ends it (the endpoint's state is visible through the API all the same).
 */
import { UnrecoverableError } from 'bullmq';
import { DomainError, ErrorCode, type ServiceClient } from '@azukari/common';
import type { Handler, WebhookEndpointDisabledNotice } from '@azukari/jobs';
import { EndpointNoticeDetails } from '@azukari/routes';
import { MailDeliveryError, type MailChannel } from '../email/mail-channel';

export const sendEndpointDisabledNotice =
  (deps: { services: ServiceClient; mail: MailChannel }): Handler<typeof WebhookEndpointDisabledNotice> =>
  async (payload, ctx) => {
    let notice;
    try {
      notice = await deps.services.call(EndpointNoticeDetails, { endpointId: payload.endpointId }, null, ctx.trace);
    } catch (error) {
      // Removed since: nobody is left to tell about it.
      if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND) throw new UnrecoverableError(error.message);
      throw error;
    }
    try {
      // The event id of the disabling: one notice, however often this job runs.
      await deps.mail.sendEndpointNotice(notice, { at: new Date(payload.disabledAt), reportId: payload.reportId, noticeId: ctx.eventId });
      ctx.log.info({ endpointId: payload.endpointId, clientId: payload.clientId }, 'endpoint disabled notice sent');
    } catch (error) {
      if (error instanceof MailDeliveryError && error.permanent) throw new UnrecoverableError(error.message);
      throw error;
    }
  };
