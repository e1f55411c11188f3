/**
 * Reports and notices by email, as the delivery jobs use them: composed in the client's language
 * (report-email, endpoint-disabled-email) and sent through the pooled mailer. A failure is the
 * mailer's MailDeliveryError, which says whether a retry can help (a 5xx answer cannot).
 */
import type { RouteResponse } from '@azukari/common';
import type { EmailDeliveryDetails, EndpointNoticeDetails } from '@azukari/routes';
import type { MailConfig } from '../config';
import { composeEndpointDisabledEmail } from './endpoint-disabled-email';
import type { Mailer } from './mailer';
import { composeReportEmail, parseReportBody } from './report-email';

export { MailDeliveryError } from './mail.errors';

/** The reply code in an SMTP answer such as `250 2.0.0 Ok: queued as 4F3A1`. */
const replyCode = (response: string): number => Number(/^\d{3}/.exec(response)?.[0] ?? 250);

export interface MailChannel {
  /** Sends one report; its Message-ID is drawn from the report, so a resend is recognisably the same mail. */
  sendReport(details: RouteResponse<typeof EmailDeliveryDetails>): Promise<{ responseCode: number }>;
  sendEndpointNotice(
    notice: RouteResponse<typeof EndpointNoticeDetails>,
    disabled: { at: Date; reportId: string; noticeId: string },
  ): Promise<{ responseCode: number }>;
  close(): void;
}

export const mailChannel = (mailer: Mailer, config: Pick<MailConfig, 'publicUrl'>): MailChannel => ({
  sendReport: async (details) => {
    const email = composeReportEmail({
      report: parseReportBody(details.body),
      clientName: details.clientName,
      language: details.language,
      publicUrl: config.publicUrl,
      answerLink: { ...details.link, expiresAt: new Date(details.link.expiresAt), to: details.to },
    });
    return { responseCode: replyCode((await mailer.send(details.to, email)).response) };
  },
  sendEndpointNotice: async (notice, disabled) => {
    const email = composeEndpointDisabledEmail({
      noticeId: disabled.noticeId,
      clientName: notice.clientName,
      language: notice.language,
      endpointId: notice.endpointId,
      endpointUrl: notice.url,
      disabledAt: disabled.at,
      reportId: disabled.reportId,
      publicUrl: config.publicUrl,
    });
    return { responseCode: replyCode((await mailer.send(notice.to, email)).response) };
  },
  close: () => mailer.close(),
});
