/**
 * A contract's life, its written consents and the decision API through the gateway, with the real
 * worker, webhook receivers and SMTP server: staff record a paper consent and the decision moves
 * with its expiry; the client's consents:write token grants a re-entrustment consent (once, under
 * an Idempotency-Key) and revokes it, and the revocation reaches its webhook; an ended contract is
 * reported to the client by email, refuses every decision and takes no new asset in custody;
 * refusals carry their codes and write nothing; another client's token sees nothing.
 */
import { randomUUID } from 'node:crypto';
import { errorCodes, graphql } from '@azukari/testing';
import { startStack, type Stack } from '../src/stack';
import { WebhookReceiver } from '../src/webhook-receiver';
import { createClient, createContract, createPartnerToken, registerAsset, SCOPE, waitUntil } from '../src/flows';
import {
  CONSENTS_WRITE,
  DECIDE,
  GRANT_CONSENT,
  RECORD_CONSENT,
  REVOKE_CONSENT,
  TERMINATE_CONTRACT,
  decide,
  endContract,
  grantConsent,
  recordConsent,
  revokeConsent,
  signedConsent,
  tokyoToday,
} from '../src/contract-life-flows';

describe('contract life, written consents and the decision through the gateway', () => {
  let stack: Stack;
  const receiver = new WebhookReceiver();
  let client: { id: string; reportEmail: string; webhookSecret: string | null };
  let other: { id: string };
  let contractId: string;
  let granter: string;
  let reader: string;
  let otherGranter: string;

  beforeAll(async () => {
    stack = await startStack();
    await receiver.start();
    client = await createClient(stack, '株式会社委託元', receiver.url);
    receiver.useSecret(client.webhookSecret!);
    other = await createClient(stack, 'Other Principal KK');
    contractId = await createContract(stack, client.id);
    granter = (await createPartnerToken(stack, client.id, [SCOPE.contractsRead, CONSENTS_WRITE])).token;
    reader = (await createPartnerToken(stack, client.id, [SCOPE.contractsRead])).token;
    otherGranter = (await createPartnerToken(stack, other.id, [SCOPE.contractsRead, CONSENTS_WRITE])).token;
  });
  afterAll(async () => {
    await stack.close();
    await receiver.close();
  });

  const consentCount = async () =>
    Number((await stack.resources.sql<{ n: number }>('contracts', 'SELECT COUNT(*) AS n FROM written_consent'))[0]!.n);
  const reportOf = async (kind: string, subjectId: string) =>
    await waitUntil(
      async () => receiver.reports.find((r) => r.body.type === kind && r.body.subject.id === subjectId),
      20_000,
      `the ${kind} report on ${subjectId} at the client's webhook`,
    );

  it('decides from a paper consent recorded by staff, until it expires', async () => {
    expect(await decide(stack, { contractId, action: 'COPY', purpose: 'payroll processing' })).toMatchObject({
      allowed: true,
      grounds: [{ kind: 'CONTRACT_PURPOSE', purposeVersion: 1 }],
    });
    expect(await decide(stack, { contractId, action: 'USE', purpose: 'statistics' }, reader)).toMatchObject({
      allowed: false,
      refusal: 'CONSENT_REQUIRED',
      article: 'Art 2.1',
    });
    const expiresAt = new Date(Date.now() + 4_000).toISOString();
    const consent = await recordConsent(stack, contractId, { kind: 'BEYOND_PURPOSE', purposes: ['statistics'], expiresAt });
    expect(await decide(stack, { contractId, action: 'USE', purpose: 'statistics' }, reader)).toMatchObject({
      allowed: true,
      grounds: [{ kind: 'WRITTEN_CONSENT', consentId: consent.id, consentKind: 'BEYOND_PURPOSE' }],
    });
    const expired = await waitUntil(
      async () => {
        const decision = await decide(stack, { contractId, action: 'USE', purpose: 'statistics' }, reader);
        return decision.allowed ? null : decision;
      },
      15_000,
      'the consent to expire',
    );
    expect(expired).toMatchObject({ refusal: 'CONSENT_EXPIRED', consentId: consent.id });
  });

  it('lets the client grant a re-entrustment consent once per Idempotency-Key, revoke it, and hear of the revocation at its webhook', async () => {
    const subcontractorId = randomUUID();
    const transfer = { contractId, action: 'TRANSFER_TO_SUBCONTRACTOR', purpose: 'payroll processing', subcontractorId };
    expect(await decide(stack, transfer, reader)).toMatchObject({ allowed: false, refusal: 'CONSENT_REQUIRED', article: 'Art 6.1' });

    const key = randomUUID();
    const input = { input: signedConsent(contractId, { kind: 'RE_ENTRUSTMENT', subcontractorId }) };
    const before = await consentCount();
    const first = await graphql(stack.graphqlUrl, GRANT_CONSENT, input, granter, { 'idempotency-key': key });
    expect(first.errors).toBeUndefined();
    const retry = await graphql(stack.graphqlUrl, GRANT_CONSENT, input, granter, { 'idempotency-key': key });
    expect(retry).toEqual(first);
    expect(await consentCount()).toBe(before + 1);
    const consent = first.data!.grantWrittenConsent as { id: string; source: string; state: string };
    expect(consent).toMatchObject({ source: 'API', state: 'CURRENT', kind: 'RE_ENTRUSTMENT', subcontractorId });

    expect(await decide(stack, transfer, reader)).toMatchObject({
      allowed: true,
      grounds: [
        { kind: 'CONTRACT_PURPOSE', purposeVersion: 1 },
        { kind: 'WRITTEN_CONSENT', consentId: consent.id, consentKind: 'RE_ENTRUSTMENT' },
      ],
    });
    // Another subcontractor is not covered: silence is never consent.
    expect((await decide(stack, { ...transfer, subcontractorId: randomUUID() }, reader)).refusal).toBe('CONSENT_REQUIRED');

    expect((await revokeConsent(stack, consent.id, '再委託先の変更のため撤回', granter)).state).toBe('REVOKED');
    expect(await decide(stack, transfer, reader)).toMatchObject({ allowed: false, refusal: 'CONSENT_REVOKED', consentId: consent.id });

    const report = await reportOf('consent.revoked', consent.id);
    expect(report.body).toMatchObject({
      type: 'consent.revoked',
      clientId: client.id,
      article: 'Art 6.1',
      contractIds: [contractId],
      subject: { type: 'WrittenConsent', id: consent.id },
      data: { consentId: consent.id, contractId, consentKind: 'RE_ENTRUSTMENT', subcontractorId },
    });
    // The client's words stay out of the report, and so does the name of who signed.
    expect(JSON.stringify(report.body)).not.toContain('撤回');
    expect(JSON.stringify(report.body)).not.toContain('鈴木');
    expect(errorCodes(await stack.request(REVOKE_CONSENT, { input: { id: consent.id, reason: 'again' } }, granter))).toEqual(['CONFLICT']);
  });

  it('refuses bad input with its code and writes nothing; another client sees nothing; a token without the scope is FORBIDDEN', async () => {
    const before = await consentCount();
    const bad = await stack.request(GRANT_CONSENT, { input: signedConsent(contractId, { kind: 'RE_ENTRUSTMENT' }) }, granter);
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    const noPurposes = await stack.request(RECORD_CONSENT, {
      input: { ...signedConsent(contractId, { kind: 'BEYOND_PURPOSE' }), grantedAt: new Date().toISOString() },
    });
    expect(errorCodes(noPurposes)).toEqual(['BAD_USER_INPUT']);
    expect(
      errorCodes(await stack.request(DECIDE, { contractId, action: 'TRANSFER_TO_SUBCONTRACTOR', purpose: 'payroll processing' }, reader)),
    ).toEqual(['BAD_USER_INPUT']);

    // Another client's token: this contract does not exist for it.
    const foreign = await stack.request(GRANT_CONSENT, { input: signedConsent(contractId, { kind: 'TAKE_OUT' }) }, otherGranter);
    expect(errorCodes(foreign)).toEqual(['NOT_FOUND']);
    expect(errorCodes(await stack.request(DECIDE, { contractId, action: 'USE', purpose: 'payroll processing' }, otherGranter))).toEqual([
      'NOT_FOUND',
    ]);
    const listed = await stack.request(`{ writtenConsents { edges { node { id } } } }`, {}, otherGranter);
    expect(listed.data?.writtenConsents.edges).toEqual([]);
    const mine = await grantConsent(stack, granter, contractId, { kind: 'TAKE_OUT' });
    expect(errorCodes(await stack.request(REVOKE_CONSENT, { input: { id: mine.id, reason: 'r' } }, otherGranter))).toEqual(['NOT_FOUND']);

    // The scope: reading is not granting.
    expect(errorCodes(await stack.request(GRANT_CONSENT, { input: signedConsent(contractId, { kind: 'TAKE_OUT' }) }, reader))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await stack.request(REVOKE_CONSENT, { input: { id: mine.id, reason: 'r' } }, reader))).toEqual(['FORBIDDEN']);
    expect(await consentCount()).toBe(before + 1);
    const kept = await stack.request(`query ($id: ID!) { writtenConsent(id: $id) { state } }`, { id: mine.id }, reader);
    expect(kept.data?.writtenConsent).toEqual({ state: 'CURRENT' });
  });

  it('reports an ended contract to the client, refuses every decision on it, and takes no new asset on it or on a draft', async () => {
    const ending = await createContract(stack, client.id, '保守業務の委託');
    await registerAsset(stack, ending, '保守対象顧客台帳');
    const today = tokyoToday();
    expect(await endContract(stack, ending, today)).toMatchObject({ status: 'ENDED' });

    const report = await reportOf('contract.ended', ending);
    expect(report.body).toMatchObject({
      article: 'Art 9.1',
      contractIds: [ending],
      subject: { type: 'Contract', id: ending },
      data: { contractId: ending, status: 'ENDED', endedOn: today },
    });
    const mail = await waitUntil(
      async () => stack.mail.messages.find((m) => m.envelope.to.includes(client.reportEmail) && m.text.includes(ending)),
      20_000,
      'the email of the ended contract',
    );
    expect(mail.header('x-azukari-report-id')).toBe(report.id);
    // In the client's language, under the article that asks for its instruction.
    expect(mail.subject).toContain('第9条第1項');
    expect(mail.subject).toContain('契約に基づく業務の終了');

    expect(await decide(stack, { contractId: ending, action: 'USE', purpose: 'payroll processing' }, reader)).toMatchObject({
      allowed: false,
      refusal: 'CONTRACT_NOT_ACTIVE',
      contractStatus: 'ENDED',
    });
    const again = await stack.request(TERMINATE_CONTRACT, { input: { id: ending, terminatedOn: today, reason: 'r' } });
    expect(errorCodes(again)).toEqual(['CONFLICT']);

    const registerOn = async (id: string) =>
      await stack.request(`mutation ($input: RegisterAssetInput!) { registerAsset(input: $input) { id } }`, {
        input: {
          contractId: id,
          name: '追加の台帳',
          form: 'PAPER',
          location: '本社 書庫',
          recordCount: 1,
          receivedAt: '2026-04-01T00:00:00Z',
        },
      });
    const assetsOf = async (id: string) =>
      Number(
        (await stack.resources.sql<{ n: number }>('custody', 'SELECT COUNT(*) AS n FROM data_asset WHERE contractId = ?', [id]))[0]!.n,
      );
    const ended = await registerOn(ending);
    expect(errorCodes(ended)).toEqual(['BAD_USER_INPUT']);
    expect(ended.errors?.[0]?.message).toContain('has ended');
    expect(await assetsOf(ending)).toBe(1);

    const draft = (
      await stack.request(`mutation ($input: CreateContractInput!) { createContract(input: $input) { id status } }`, {
        input: {
          clientId: client.id,
          title: '準備中の委託',
          purposes: ['payroll processing'],
          executedOn: '2026-04-01',
          startsOn: '2026-04-01',
          draft: true,
        },
      })
    ).data?.createContract as { id: string; status: string };
    expect(draft.status).toBe('DRAFT');
    expect(errorCodes(await registerOn(draft.id))).toEqual(['BAD_USER_INPUT']);
    expect(await assetsOf(draft.id)).toBe(0);
    expect((await decide(stack, { contractId: draft.id, action: 'USE', purpose: 'payroll processing' })).refusal).toBe(
      'CONTRACT_NOT_ACTIVE',
    );
    const activated = await stack.request(`mutation ($id: ID!) { activateContract(id: $id) { status } }`, { id: draft.id });
    expect(activated.data?.activateContract.status).toBe('ACTIVE');
    expect(errorCodes(await registerOn(draft.id))).toEqual([]);
    expect(await assetsOf(draft.id)).toBe(1);
  });
});
