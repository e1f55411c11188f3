/**
 * The staff queue dashboard (bull-board) at /admin/queues: every queue's counts, jobs and
 * schedulers, redacted (dashboard-redaction.ts) and read-only.
 *
 * Who: staff of every role (the dashboard shows no client's facts, only ids and counts); partners
 * are refused (403) and anonymous callers too (401) on every path under it — page, static assets
 * and API alike. A request is authenticated by a bearer token (scripts) or by the sign-in cookie
 * (browsers; dashboard-session.ts), each time through the gateway's token authenticator.
 *
 * Sign-in: GET /admin/queues/login is a small page where staff paste their token; it posts it
 * as a bearer header to /admin/queues/session, which answers with the cookie.
 * DELETE /admin/queues/session signs out. Nothing else under /admin/queues but GET is allowed:
 * read-only is enforced here as well as by bull-board's own read-only mode, so no action (retry,
 * clean, pause, promote, remove) is open, and none needs auditing.
 */
import express, { type Express, type Request, type Response, type NextFunction } from 'express';
import { createBullBoard } from '@bull-board/api';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { ErrorCode, bearerTokenOf, isDomainError, isStaff, type Logger, type Principal } from '@azukari/common';
import { QueueName, createRedis, openQueue, type QueueSettings } from '@azukari/jobs';
import type { TokenAuthenticator } from './auth';
import { RedactedQueueAdapter } from './dashboard-redaction';
import { dashboardCookieOf, type DashboardSessions } from './dashboard-session';

export const DASHBOARD_PATH = '/admin/queues';

export interface QueueDashboard {
  close(): Promise<void>;
}

const LOGIN_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Azukari queues: sign in</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}input{width:100%;padding:.5rem;font-family:monospace}button{margin-top:1rem;padding:.5rem 1rem}</style></head>
<body><h1>Queue dashboard</h1>
<p>Staff only. Paste your staff API token (azk_…). It is exchanged for a sign-in cookie that lasts fifteen minutes and is never stored by this page.</p>
<form id="f"><input id="t" type="password" autocomplete="off" placeholder="azk_…" required><button>Sign in</button></form>
<p id="e" role="alert"></p>
<script>
document.getElementById('f').addEventListener('submit', async (event) => {
  event.preventDefault();
  const answer = await fetch('${DASHBOARD_PATH}/session', { method: 'POST', headers: { authorization: 'Bearer ' + document.getElementById('t').value.trim() } });
  if (answer.ok) { location.href = '${DASHBOARD_PATH}/'; return; }
  const body = await answer.json().catch(() => ({}));
  document.getElementById('e').textContent = body.error || 'Sign-in failed.';
});
</script></body></html>`;

interface Refusal {
  status: 401 | 403 | 503;
  error: string;
}

export const mountQueueDashboard = (
  app: Express,
  options: {
    authenticator: TokenAuthenticator;
    sessions: DashboardSessions;
    queues: QueueSettings;
    newTrace: () => string;
    log: Logger;
  },
): QueueDashboard => {
  const { authenticator, sessions, log } = options;
  // Its own connection, failing fast like a producer's: a board with Redis away answers errors
  // rather than waiting.
  const redis = createRedis(options.queues.redisUrl, 'producer', log, 'dashboard');
  const queues: Queue[] = Object.values(QueueName).map((name) => openQueue(name, options.queues, redis));
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new RedactedQueueAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Azukari queues' } },
  });

  const principalOf = async (token: string): Promise<Principal | Refusal> => {
    try {
      return await authenticator.authenticate(token, options.newTrace());
    } catch (error) {
      if (isDomainError(error) && error.code === ErrorCode.UNAUTHENTICATED) return { status: 401, error: error.message };
      if (!isDomainError(error)) log.error({ err: error }, 'dashboard authentication failed');
      return { status: 503, error: 'Authentication is unavailable. Try again shortly.' };
    }
  };
  const staffOnly = (principal: Principal | Refusal): Refusal | null => {
    if ('status' in principal) return principal;
    return isStaff(principal) ? null : { status: 403, error: 'The queue dashboard is for operator staff only.' };
  };
  const refuse = (res: Response, refusal: Refusal) => {
    res.status(refusal.status).json({ error: refusal.error, signIn: `${DASHBOARD_PATH}/login` });
  };

  const router = express.Router();
  router.get('/login', (_req, res) => {
    res.type('html').setHeader('cache-control', 'no-store').send(LOGIN_PAGE);
  });
  router.post('/session', async (req, res) => {
    const token = bearerTokenOf(req.headers.authorization);
    if (!token) return refuse(res, { status: 401, error: 'Send your staff token: Authorization: Bearer azk_...' });
    const refusal = staffOnly(await principalOf(token));
    if (refusal) return refuse(res, refusal);
    res.setHeader('set-cookie', sessions.cookie(sessions.seal(token), DASHBOARD_PATH));
    return res.status(204).end();
  });
  router.delete('/session', (_req, res) => {
    res.setHeader('set-cookie', sessions.cleared(DASHBOARD_PATH));
    res.status(204).end();
  });
  // Everything else: staff only, and only to read.
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const cookie = dashboardCookieOf(req.headers.cookie);
    const token = bearerTokenOf(req.headers.authorization) ?? (cookie ? sessions.open(cookie) : null);
    if (!token) {
      if (req.accepts(['json', 'html']) === 'html') {
        res
          .status(401)
          .type('html')
          .send(`<!doctype html><p>Sign in first: <a href="${DASHBOARD_PATH}/login">${DASHBOARD_PATH}/login</a></p>`);
        return;
      }
      refuse(res, { status: 401, error: cookie ? 'The dashboard sign-in has expired: sign in again.' : 'Sign in first.' });
      return;
    }
    const refusal = staffOnly(await principalOf(token));
    if (refusal) return refuse(res, refusal);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.status(405).json({ error: 'The queue dashboard is read-only.' });
      return;
    }
    res.setHeader('cache-control', 'no-store');
    next();
  });
  router.use(serverAdapter.getRouter() as express.Router);
  app.use(DASHBOARD_PATH, router);

  return {
    close: async () => {
      await Promise.all(queues.map((queue) => queue.close().catch(() => undefined)));
      redis.disconnect();
    },
  };
};
