// The write path through the gateway, as staff use it: registerAsset (with a custodian, so custody
// asks personnel and commits the asset with its outbox event) and reportIncident (which reaches
// every affected client's webhook through incidents' outbox, contracts' report and the worker),
// each under load at BENCH_WRITE_CONCURRENCY (16) for BENCH_SECONDS. An answer with errors counts
// as failed (load.mjs), and the rows written are counted beside the answers (a few more rows than
// answers: the requests still in flight when the run ended).
// Then the delivery: reportIncident at 50 a second, open-loop, for BENCH_WEBHOOK_SECONDS, to a
// client whose webhook endpoint is a real receiver in this process that verifies each signature;
// the latency is from sending the mutation to the receiver holding the verified report.
import { createRequire } from 'node:module';
import { cpuOf, loadRun, sharedServicePids } from './load.mjs';

const require = createRequire(import.meta.url);
const mysql = require('mysql2/promise');
const { factories } = require('@azukari/testing');
const { WebhookReceiver } = require('@azukari/e2e/dist/webhook-receiver.js');

const REGISTER = `mutation ($input: RegisterAssetInput!) { registerAsset(input: $input) { id } }`;
const REPORT = `mutation ($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }`;

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null);

const countRows = async (url, sql, params) => {
  const db = await mysql.createConnection({ uri: url });
  try {
    const [[{ n }]] = await db.query(sql, params);
    return Number(n);
  } finally {
    await db.end();
  }
};

/**
 * Waits until every report made so far is delivered (or failed): each delivery phase starts from a
 * quiet system, not behind the deliveries of the phase before it.
 */
const settle = async (stack, log) => {
  const started = Date.now();
  const pending = async () =>
    await countRows(stack.databaseUrls.contracts, "SELECT COUNT(*) AS n FROM client_report_delivery WHERE status = 'PENDING'", []);
  while ((await pending()) > 0 && Date.now() - started < 300_000) await new Promise((resolve) => setTimeout(resolve, 250));
  log(`  (deliveries settled in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
};

/** One mutation under load; `written()` counts the rows it left. */
const mutationLoad = async ({ name, stack, body, connections, seconds, written }) => {
  const before = await written();
  const run = await loadRun(
    {
      name,
      url: stack.graphqlUrl,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.adminToken}` },
      body,
      pids: { ...stack.pids, ...sharedServicePids() },
    },
    { connections, seconds },
  );
  const rows = (await written()) - before;
  return {
    rps: run.rps,
    p50: run.p50,
    p99: run.p99,
    answered: run.answered,
    rowsWritten: rows,
    failed: run.failed,
    failures: run.failures,
    cpuSecondsPer1000: run.cpuSecondsPer1000,
  };
};

/**
 * `email: false`: the client chose webhooks alone, so each report is one delivery, as every report
 * was before email existed (the like-for-like figure); `email: true`: the default, webhook and email.
 */
const deliveryLatency = async ({ stack, perSecond, seconds, email, log }) => {
  const as = async (q, v) => await stack.request(q, v);
  const receiver = await new WebhookReceiver().start();
  try {
    const client = await factories.createClient(as, { name: email ? 'Webhook and Mail KK' : 'Webhook KK', webhookUrl: receiver.url });
    receiver.useSecret(client.webhookSecret);
    if (!email) {
      await as(`mutation ($input: SetReportChannelsInput!) { setReportChannels(input: $input) { kind } }`, {
        input: { clientId: client.id, kind: '*', email: false, webhook: true },
      });
    }
    const contract = (await factories.createContract(as, client.id)).id;
    const sentAt = new Map();
    const failures = [];
    const total = perSecond * seconds;
    log(`• reportIncident at ${perSecond}/s for ${seconds} s, each to a webhook${email ? ' and by email' : ' alone'}`);
    const sends = [];
    const pids = { ...stack.pids, ...sharedServicePids() };
    const cpuBefore = cpuOf(pids);
    const start = Date.now();
    for (let i = 0; i < total; i += 1) {
      // Open loop: each report leaves on its schedule, whether or not the last one was answered.
      const due = start + (i * 1000) / perSecond;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const t0 = Date.now();
      sends.push(
        stack
          .request(REPORT, { input: factories.newIncident([contract]) })
          .then((res) => {
            const id = res.data?.reportIncident?.id;
            if (id) sentAt.set(id, t0);
            else failures.push(JSON.stringify(res.errors ?? res).slice(0, 200));
          })
          .catch((error) => failures.push(error.message)),
      );
    }
    await Promise.all(sends);
    const deadline = Date.now() + 60_000;
    while (receiver.reports.length < sentAt.size && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const cpuAfter = cpuOf(pids);
    const latencies = receiver.reports
      .map((d) => d.receivedAt - (sentAt.get(d.body?.subject?.id) ?? Number.NaN))
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    return {
      perSecond,
      email,
      sent: total,
      answered: sentAt.size,
      delivered: latencies.length,
      rejectedByReceiver: receiver.rejected.length,
      failed: failures.length,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      // Everything each process did from the first report to the last delivery, per 1,000 reports.
      cpuSecondsPer1000: Object.fromEntries(Object.keys(pids).map((p) => [p, ((cpuAfter[p] - cpuBefore[p]) * 1000) / total])),
    };
  } finally {
    await receiver.close();
  }
};

/**
 * What the delivery path carries when it is saturated: `total` reports made at `connections` at
 * once to a client told by email and by webhook, and the rate at which they reach the receiver and
 * the mail server, from the first report sent to the last one received on each channel.
 */
const deliveryThroughput = async ({ stack, total, connections, log }) => {
  const as = async (q, v) => await stack.request(q, v);
  const receiver = await new WebhookReceiver().start();
  try {
    const client = await factories.createClient(as, { name: 'Throughput KK', webhookUrl: receiver.url });
    receiver.useSecret(client.webhookSecret);
    const contract = (await factories.createContract(as, client.id)).id;
    const mailsBefore = stack.mail.messages.length;
    log(`• ${total} reports at c${connections}, each by webhook and by email`);
    const start = Date.now();
    let next = 0;
    let failed = 0;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (next < total) {
          next += 1;
          const res = await stack.request(REPORT, { input: factories.newIncident([contract]) });
          if (!res.data?.reportIncident?.id) failed += 1;
        }
      }),
    );
    const answeredAt = Date.now();
    const wanted = total - failed;
    const arrival = async (count, label) => {
      const deadline = Date.now() + 180_000;
      while (count() < wanted && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      return { label, received: count(), seconds: (Date.now() - start) / 1000 };
    };
    const [webhook, email] = await Promise.all([
      arrival(() => receiver.reports.length, 'webhook'),
      arrival(() => stack.mail.messages.length - mailsBefore, 'email'),
    ]);
    const rate = (r) => Math.round((r.received / r.seconds) * 10) / 10;
    return {
      reports: total,
      failed,
      requestsPerSecond: Math.round((total / ((answeredAt - start) / 1000)) * 10) / 10,
      webhook: { delivered: webhook.received, perSecond: rate(webhook), duplicates: receiver.duplicates },
      email: { delivered: email.received, perSecond: rate(email) },
    };
  } finally {
    await receiver.close();
  }
};

export const runWrites = async ({ stack, seconds, connections, webhookPerSecond, webhookSeconds, log }) => {
  const as = async (q, v) => await stack.request(q, v);
  const client = await factories.createClient(as, { name: 'Writes KK' });
  const contract = (await factories.createContract(as, client.id)).id;
  const custodian = (await factories.createEmployee(as, { name: '佐藤 花子', email: `w-${client.id.slice(-8)}@operator.example` })).id;
  const rowsIn = async (service, table) => await countRows(stack.databaseUrls[service], `SELECT COUNT(*) AS n FROM ${table}`, []);

  log(`• registerAsset at c${connections} for ${seconds} s`);
  const registerAsset = await mutationLoad({
    name: 'registerAsset',
    stack,
    connections,
    seconds,
    body: JSON.stringify({ query: REGISTER, variables: { input: factories.newAsset(contract, { custodianId: custodian }) } }),
    written: async () => await rowsIn('custody', 'data_asset'),
  });
  log(`• reportIncident at c${connections} for ${seconds} s`);
  const reportIncident = await mutationLoad({
    name: 'reportIncident',
    stack,
    connections,
    seconds,
    body: JSON.stringify({ query: REPORT, variables: { input: factories.newIncident([contract]) } }),
    written: async () => await rowsIn('incidents', 'incident'),
  });
  // The reports those incidents cause are still on their way: let them land before timing delivery.
  const incidents = await rowsIn('incidents', 'incident');
  const drained = Date.now() + 120_000;
  while ((await rowsIn('contracts', 'client_report')) < incidents && Date.now() < drained) await new Promise((r) => setTimeout(r, 500));
  await settle(stack, log);
  const webhook = await deliveryLatency({ stack, perSecond: webhookPerSecond, seconds: webhookSeconds, email: false, log });
  await settle(stack, log);
  const webhookAndEmail = await deliveryLatency({ stack, perSecond: webhookPerSecond, seconds: webhookSeconds, email: true, log });
  await settle(stack, log);
  const throughput = await deliveryThroughput({ stack, total: Number(process.env.BENCH_DELIVERY_REPORTS ?? 600), connections, log });
  return {
    registerAsset,
    reportIncident,
    reportToWebhook: webhook,
    reportToWebhookAndEmail: webhookAndEmail,
    deliveryThroughput: throughput,
  };
};
