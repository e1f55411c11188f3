/** A report email's answer link as its reader uses it: found in the mail, opened, and its form posted. */
import type { ReceivedMail } from '@azukari/testing';
import type { Stack } from './stack';

/** The token of the answer link in a report email (its text part), or null. */
export const answerTokenIn = (mail: ReceivedMail): string | null => /\/report-link\?token=([A-Za-z0-9._~%-]+)/.exec(mail.text)?.[1] ?? null;

export interface LinkPage {
  status: number;
  headers: Headers;
  html: string;
  /** The stable code a refusal page shows, or null on a form or a recorded answer. */
  code: string | null;
}

const read = async (response: Response): Promise<LinkPage> => {
  const html = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    html,
    code: /<span class="code" id="code">([A-Z_]+)<\/span>/.exec(html)?.[1] ?? null,
  };
};

/** The answer page as a browser (or a mail scanner) fetches it from the gateway. */
export const openAnswerLink = async (stack: Stack, token: string): Promise<LinkPage> =>
  await read(await fetch(`${stack.gateway.url}/report-link?token=${token}`));

/** The page's form, posted as a browser posts it. */
export const postAnswerLink = async (stack: Stack, token: string, form: { answer: string; comment?: string }): Promise<LinkPage> =>
  await read(
    await fetch(`${stack.gateway.url}/report-link?token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ answer: form.answer, comment: form.comment ?? '' }).toString(),
    }),
  );
