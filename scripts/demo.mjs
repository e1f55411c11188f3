#!/usr/bin/env node
// `pnpm demo`: the main flow against the running stack (`pnpm start`), as an operator and a
// partner would take it, printing what it did. It runs a webhook endpoint of its own on this
// machine so that the client report of step 7 arrives and is verified.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, processEnv } from './lib.mjs';

const env = processEnv('gateway');
const endpoint = `http://127.0.0.1:${env.AZUKARI_GATEWAY_PORT ?? 4000}/graphql`;
const admin = env.AZUKARI_ADMIN_TOKEN;
const { Webhook } = createRequire(join(ROOT, 'apps', 'worker', 'package.json'))('standardwebhooks');
const stamp = new Date()
  .toISOString()
  .replace(/[-:.TZ]/g, '')
  .slice(0, 14);

const gql = async (token, query, variables = {}) => {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  }).catch(() => {
    console.error(`The gateway at ${endpoint} does not answer: start the stack first (npm start).`);
    process.exit(1);
  });
  return await res.json();
};
const must = (answer, what) => {
  if (answer.errors) {
    console.error(`✗ ${what}: ${JSON.stringify(answer.errors, null, 2)}`);
    process.exit(1);
  }
  return answer.data;
};
let n = 0;
const step = (title, detail) =>
  console.log(`\n${++n}. ${title}\n${detail === undefined ? '' : JSON.stringify(detail, null, 2).replace(/^/gm, '   ')}`);

if (!admin) {
  console.error('AZUKARI_ADMIN_TOKEN is not set (see .env.example).');
  process.exit(1);
}

// The client's webhook endpoint, verifying every delivery with the client's signing secret.
let secret = '';
const received = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    try {
      received.push({ id: req.headers['webhook-id'], body: new Webhook(secret).verify(body, req.headers) });
      res.statusCode = 204;
    } catch {
      res.statusCode = 400;
    }
    res.end();
  });
});
await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
const hookUrl = `http://127.0.0.1:${receiver.address().port}/azukari`;

step('Who am I (operator, bootstrap admin token)', must(await gql(admin, '{ viewer { kind role } }'), 'viewer').viewer);

const created = must(
  await gql(admin, 'mutation ($i: CreateClientInput!) { createClient(input: $i) { client { id name } webhookSecret } }', {
    i: { name: `株式会社デモ ${stamp}`, address: '東京都千代田区大手町1-6-1', reportEmail: 'privacy@demo.example', webhookUrl: hookUrl },
  }),
  'createClient',
).createClient;
secret = created.webhookSecret;
step('Created a client with a webhook endpoint (the signing secret is shown once)', {
  client: created.client,
  webhookSecret: `${secret.slice(0, 12)}…`,
});

const contract = must(
  await gql(admin, 'mutation ($i: CreateContractInput!) { createContract(input: $i) { id title purposes executedOn status } }', {
    i: {
      clientId: created.client.id,
      title: '給与計算業務の委託',
      purposes: ['payroll processing'],
      executedOn: '2026-04-01',
      startsOn: '2026-04-01',
    },
  }),
  'createContract',
).createContract;
step('Created a contract', contract);

const employee = must(
  await gql(admin, 'mutation ($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { id name kind } }', {
    i: { name: '山田 花子', email: `hanako.${stamp}@operator.example`, kind: 'REGULAR_EMPLOYEE' },
  }),
  'registerEmployee',
).registerEmployee;
step('Registered an employee (personnel)', employee);

const partner = must(
  await gql(
    admin,
    'mutation ($i: CreateApiTokenInput!) { createApiToken(input: $i) { token apiToken { id displayPrefix scopes expiresAt } } }',
    {
      i: {
        kind: 'PARTNER',
        label: 'demo partner integration',
        clientId: created.client.id,
        scopes: ['CONTRACTS_READ', 'CUSTODY_READ', 'CUSTODY_WRITE', 'INCIDENTS_READ'],
      },
    },
  ),
  'createApiToken',
).createApiToken;
step('Issued a partner API token for the client (shown once)', partner.apiToken);

const asset = must(
  await gql(partner.token, 'mutation ($i: RegisterAssetInput!) { registerAsset(input: $i) { id name form status } }', {
    i: {
      contractId: contract.id,
      name: '給与台帳 2026',
      form: 'ELECTRONIC',
      location: 'Tokyo DC, rack 12',
      recordCount: 1200,
      receivedAt: new Date().toISOString(),
    },
  }),
  'registerAsset (partner)',
).registerAsset;
const paper = must(
  await gql(admin, 'mutation ($i: RegisterAssetInput!) { registerAsset(input: $i) { id name form } }', {
    i: {
      contractId: contract.id,
      name: '源泉徴収票 控え',
      form: 'PAPER',
      location: 'Cabinet B-3',
      recordCount: 300,
      receivedAt: new Date().toISOString(),
      custodianId: employee.id,
    },
  }),
  'registerAsset (staff, with custodian)',
).registerAsset;
step('The partner registered an asset; staff registered another with a custodian', { partner: asset, staff: paper });

const incident = must(
  await gql(admin, 'mutation ($i: ReportIncidentInput!) { reportIncident(input: $i) { id kind certainty status } }', {
    i: {
      contractIds: [contract.id],
      kind: 'LEAKAGE',
      certainty: 'SUSPECTED',
      detectedAt: new Date(Date.now() - 60_000).toISOString(),
      summary: 'A laptop with exported payroll data was left on a train.',
    },
  }),
  'reportIncident',
).reportIncident;
step('Reported a suspected leakage (Art 7.1)', incident);

const deadline = Date.now() + 20_000;
while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
step(
  received.length
    ? "The client's endpoint received the report, signature verified (Standard Webhooks)"
    : 'No report arrived within 20 s (is the worker running?)',
  received[0],
);

// The same report by email, to the client's report address: in the mail catcher of `pnpm start`.
const mailDir = process.env.AZUKARI_MAIL_DIR ?? join(ROOT, '.azukari', 'mail');
const reportId =
  received[0]?.body?.reportId ??
  must(await gql(partner.token, '{ clientReports(first: 1) { edges { node { id } } } }'), 'clientReports').clientReports.edges[0]?.node.id;
let mail = null;
for (let i = 0; reportId && i < 100 && !mail; i += 1) {
  const found = existsSync(mailDir)
    ? readdirSync(mailDir)
        .filter((f) => f.endsWith('.eml'))
        .find((f) => readFileSync(join(mailDir, f), 'utf8').toLowerCase().includes(`x-azukari-report-id: ${reportId}`))
    : undefined;
  if (found) mail = found;
  else await new Promise((r) => setTimeout(r, 200));
}
if (mail) {
  const entry = JSON.parse(readFileSync(join(mailDir, 'messages.json'), 'utf8')).find((e) => e.eml === mail);
  step("The report by email too, to the client's report address (open the page in a browser)", {
    to: entry?.to,
    subject: entry?.subject,
    messageId: entry?.messageId,
    page: relative(process.cwd(), join(mailDir, entry?.page ?? mail)),
    allMail: relative(process.cwd(), join(mailDir, 'index.html')),
  });
} else {
  step(
    process.env.AZUKARI_SMTP_URL
      ? `The report by email went to the SMTP server you configured (${process.env.AZUKARI_SMTP_URL.replace(/\/\/[^@/]*@/, '//')})`
      : `No report email in ${relative(process.cwd(), mailDir)} within 20 s (is pnpm start's mail catcher running?)`,
    null,
  );
}

const view = must(
  await gql(
    partner.token,
    `query ($id: ID!) { viewer { kind scopes client { name } }
      contract(id: $id) { title assets { edges { node { name custodian { name employee { email } } } } } incidents { edges { node { kind certainty status } } } } }`,
    { id: contract.id },
  ),
  'partner view',
);
step('As the partner: one query joining contracts, custody, personnel and incidents (custodian: name only)', view);

let reports;
for (let i = 0; i < 50; i += 1) {
  reports = must(
    await gql(
      partner.token,
      '{ clientReports { edges { node { kind article subjectType dueAt overdue deliveryStatus attempts deliveredAt deliveries { channel status } } } } }',
    ),
    'clientReports',
  ).clientReports;
  if (reports.edges[0]?.node.deliveryStatus === 'DELIVERED') break;
  await new Promise((r) => setTimeout(r, 200));
}
step(
  'As the partner: the evidence that the report was made',
  reports.edges.map((e) => e.node),
);

must(await gql(admin, 'mutation ($id: ID!) { revokeApiToken(id: $id) { revokedAt } }', { id: partner.apiToken.id }), 'revokeApiToken');
await new Promise((r) => setTimeout(r, 200));
const refused = await gql(partner.token, '{ viewer { kind } }');
step(
  'Revoked the partner token: the gateway now refuses it',
  refused.errors?.map((e) => ({ code: e.extensions?.code, message: e.message })),
);

receiver.close();
console.log('\nDemo complete.');
