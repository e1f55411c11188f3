/**
 * One webhook POST, as the partner's endpoint sees it: over Node's own http/https with
 * request-filtering-agent, so that no hop can reach a loopback, private, link-local or metadata
 * address, checked on the address DNS gave (no rebinding) and again on every redirect, which is
 * followed by hand (307/308 keep the method and body; 301/302/303 are followed with the same POST,
 * as a webhook has no other method). A slow or silent endpoint is cut off at the timeout.
 */
import http from 'node:http';
import https from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { allowedAddressesFor, type AllowedTarget } from './outbound-allow-list';

export interface WebhookResponse {
  status: number;
  /** From `Retry-After` (seconds or an HTTP date), when the endpoint sent one. */
  retryAfterMs: number | null;
}

/** The request could not be made: refused by the address check, unreachable, timed out. */
export class WebhookRequestError extends Error {
  constructor(
    message: string,
    /** True when no retry can help: the address is refused, or the redirects never end. */
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'WebhookRequestError';
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 3;

export const parseRetryAfter = (value: string | undefined, now: Date): number | null => {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
};

/**
 * Agents kept alive, one per scheme and set of allowed addresses (which depends on the port). A
 * pooled socket is reused only for its own host and port, and it stays connected to the address
 * that was checked when it connected, so keeping it alive admits no unchecked target.
 */
const agents = new Map<string, http.Agent>();

const agentFor = (url: URL, allowList: readonly AllowedTarget[]): http.Agent => {
  const allowIPAddressList = allowedAddressesFor(allowList, url);
  const key = `${url.protocol}|${allowIPAddressList.join(',')}`;
  let agent = agents.get(key);
  if (!agent) {
    const options = { keepAlive: true, maxSockets: 16, maxFreeSockets: 4, timeout: 60_000, allowIPAddressList };
    agent = url.protocol === 'https:' ? new RequestFilteringHttpsAgent(options) : new RequestFilteringHttpAgent(options);
    agents.set(key, agent);
  }
  return agent;
};

const once = (
  url: URL,
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal,
  allowList: readonly AllowedTarget[],
): Promise<{ status: number; headers: http.IncomingHttpHeaders }> =>
  new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? https.request : http.request;
    const request = send(
      url,
      {
        method: 'POST',
        agent: agentFor(url, allowList),
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        signal,
      },
      (response) => {
        // The status is all we need. A short answer is drained so that its socket can be kept
        // alive; one that streams on must not hold the worker, and its socket is dropped.
        const length = Number(response.headers['content-length'] ?? Number.NaN);
        if (length >= 0 && length <= 64 * 1024) response.resume();
        else response.destroy();
        resolve({ status: response.statusCode ?? 0, headers: response.headers });
      },
    );
    request.on('error', reject);
    request.end(body);
  });

const isRefusedAddress = (error: Error): boolean => /is not allowed\. Because, It is (private|meta)/i.test(error.message);

export const postWebhook = async (
  target: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; allowList: readonly AllowedTarget[]; now: () => Date; signal?: AbortSignal },
): Promise<WebhookResponse> => {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  // Cut off at the timeout, or when the worker shuts down and gives the job back.
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  let url = new URL(target);
  for (let hop = 0; ; hop += 1) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new WebhookRequestError(`refused a redirect to ${url.protocol} (only http and https)`, true);
    }
    let answer: { status: number; headers: http.IncomingHttpHeaders };
    try {
      answer = await once(url, headers, body, signal, options.allowList);
    } catch (error) {
      const e = error as Error;
      if (isRefusedAddress(e)) throw new WebhookRequestError(`refused: ${e.message}`.slice(0, 500), true);
      const reason = timeout.aborted
        ? `no answer within ${options.timeoutMs} ms`
        : signal.aborted
          ? 'the worker is shutting down'
          : e.message;
      throw new WebhookRequestError(`could not reach the endpoint: ${reason}`.slice(0, 500), false);
    }
    const location = answer.headers.location;
    if (!REDIRECTS.has(answer.status) || !location) {
      const retryAfter = answer.headers['retry-after'];
      return {
        status: answer.status,
        retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, options.now()),
      };
    }
    if (hop >= MAX_REDIRECTS) throw new WebhookRequestError(`more than ${MAX_REDIRECTS} redirects`, true);
    url = new URL(location, url);
  }
};
