/**
 * Written consents (Art 2.1, 3, 6.1) and the decision API against the real MySQL and Redis, on
 * an injectable clock: staff record paper consents, the client's consents:write token grants
 * them, either revokes them (reported to the client); the decision reads them at "now", through
 * the gateway's query and through the internal route as custody calls it.
 */
import { CredentialIssuer, ErrorCode, Scope, ServiceClient, StaffRole, TestClock, newId, type Principal } from '@azukari/common';
import { OutboxEventEntity } from '@azukari/db';
import { DecideContractAction } from '@azukari/routes';
import { errorCodes, partnerPrincipal, staffPrincipal, testKeys } from '@azukari/testing';
import { WrittenConsentEntity } from '../src/written-consent/written-consent.entity';
import { bootContracts, type BootedContracts } from './boot';

const T0 = new Date('2026-06-01T03:00:00.000Z');
const DAY = 24 * 3_600_000;
const at = (ms: number) => new Date(T0.getTime() + ms);
const SHA = 'a'.repeat(64);

const CONSENT_FIELDS = `id clientId contractId kind state purposes assetIds subcontractorId documentSha256 grantedByName grantedByTitle grantedAt expiresAt
  source recordedByTokenId recordedByEmployeeId revokedAt revokedByTokenId revocationReason`;
const CREATE_CLIENT = `mutation ($input: CreateClientInput!) { createClient(input: $input) { client { id } } }`;
const CREATE_CONTRACT = `mutation ($input: CreateContractInput!) { createContract(input: $input) { id } }`;
const RECORD = `mutation ($input: RecordWrittenConsentInput!) { recordWrittenConsent(input: $input) { ${CONSENT_FIELDS} } }`;
const GRANT = `mutation ($input: GrantWrittenConsentInput!) { grantWrittenConsent(input: $input) { ${CONSENT_FIELDS} } }`;
const REVOKE = `mutation ($input: RevokeWrittenConsentInput!) { revokeWrittenConsent(input: $input) { ${CONSENT_FIELDS} } }`;
const LIST = `query ($contractId: ID, $kind: WrittenConsentKind, $state: WrittenConsentState) {
  writtenConsents(first: 100, contractId: $contractId, kind: $kind, state: $state) { edges { node { id kind state } } } }`;
const OF_CONTRACT = `query ($id: ID!, $kind: WrittenConsentKind, $state: WrittenConsentState) {
  contract(id: $id) { writtenConsents(kind: $kind, state: $state) { id kind state } } }`;
const DECIDE = `query ($contractId: ID!, $action: ContractAction!, $purpose: String!, $assetId: ID, $subcontractorId: ID) {
  contractDecision(contractId: $contractId, action: $action, purpose: $purpose, assetId: $assetId, subcontractorId: $subcontractorId) {
    allowed refusal article consentId contractStatus decidedAt message grounds { kind purposeVersion consentId consentKind } } }`;

interface Decision {
  allowed: boolean;
  refusal: string | null;
  article: string;
  consentId: string | null;
  contractStatus: string;
  grounds: { kind: string; purposeVersion: number | null; consentId: string | null; consentKind: string | null }[];
}

describe('contracts: written consents and the decision', () => {
  let sut: BootedContracts;
  const clock = new TestClock(T0);
  const admin = staffPrincipal(StaffRole.ADMIN);
  const officer = staffPrincipal(StaffRole.PRIVACY_OFFICER);
  let clientId: string;
  let otherClientId: string;
  let granter: Principal;
  let reader: Principal;

  beforeAll(async () => {
    sut = await bootContracts({ clock });
    const client = async (name: string) =>
      (await sut.call(CREATE_CLIENT, { input: { name, address: '東京都', reportEmail: 'p@consent.example.jp' } }, admin)).data?.createClient
        .client.id as string;
    clientId = await client('株式会社同意');
    otherClientId = await client('Other Consent KK');
    granter = partnerPrincipal(clientId, [Scope.CONTRACTS_READ, Scope.CONSENTS_WRITE]);
    reader = partnerPrincipal(clientId, [Scope.CONTRACTS_READ]);
  });
  afterAll(async () => {
    await sut.close();
  });
  beforeEach(() => clock.set(T0));

  const manager = () => sut.app.deps.dataSource.manager;
  const contractOf = async (owner = clientId, overrides: Record<string, unknown> = {}) => {
    const res = await sut.call(
      CREATE_CONTRACT,
      {
        input: {
          clientId: owner,
          title: '給与計算業務',
          purposes: ['payroll'],
          executedOn: '2026-04-01',
          startsOn: '2026-04-01',
          ...overrides,
        },
      },
      admin,
    );
    expect(res.errors).toBeUndefined();
    return res.data?.createContract.id as string;
  };
  const paper = (contractId: string, overrides: Record<string, unknown> = {}) => ({
    contractId,
    kind: 'BEYOND_PURPOSE',
    purposes: ['statistics'],
    documentSha256: SHA.toUpperCase(),
    grantedByName: '山田 太郎',
    grantedByTitle: '情報システム部長',
    grantedAt: at(-DAY).toISOString(),
    ...overrides,
  });
  const apiGrant = (contractId: string, overrides: Record<string, unknown> = {}) => {
    const { grantedAt: _omitted, ...rest } = paper(contractId, overrides);
    return rest;
  };
  const record = async (input: Record<string, unknown>, as: Principal = admin) => {
    const res = await sut.call(RECORD, { input }, as);
    expect(res.errors).toBeUndefined();
    return res.data?.recordWrittenConsent as { id: string } & Record<string, unknown>;
  };
  const grant = async (input: Record<string, unknown>, as: Principal = granter) => {
    const res = await sut.call(GRANT, { input }, as);
    expect(res.errors).toBeUndefined();
    return res.data?.grantWrittenConsent as { id: string } & Record<string, unknown>;
  };
  const decide = async (variables: Record<string, unknown>, as: Principal = admin): Promise<Decision> => {
    const res = await sut.call(DECIDE, variables, as);
    expect(res.errors).toBeUndefined();
    return res.data?.contractDecision as Decision;
  };
  const consentCount = async () => await manager().count(WrittenConsentEntity);
  const revocationReports = async (consentId: string) =>
    (await manager().findBy(OutboxEventEntity, { type: 'client-report.requested' }))
      .map((e) => JSON.parse(e.payload) as { kind: string; subject: { id: string } } & Record<string, unknown>)
      .filter((p) => p.kind === 'consent.revoked' && p.subject.id === consentId);

  describe('recording, granting and revoking', () => {
    it('records a paper consent with its scope, digest, grantor and the staff token that recorded it', async () => {
      const contractId = await contractOf();
      const asset = newId();
      const consent = await record(paper(contractId, { assetIds: [asset], expiresAt: at(30 * DAY).toISOString() }), officer);
      expect(consent).toEqual({
        id: expect.any(String),
        clientId,
        contractId,
        kind: 'BEYOND_PURPOSE',
        state: 'CURRENT',
        purposes: ['statistics'],
        assetIds: [asset],
        subcontractorId: null,
        documentSha256: SHA,
        grantedByName: '山田 太郎',
        grantedByTitle: '情報システム部長',
        grantedAt: at(-DAY).toISOString(),
        expiresAt: at(30 * DAY).toISOString(),
        source: 'PAPER',
        recordedByTokenId: officer.tokenId,
        recordedByEmployeeId: officer.employeeId,
        revokedAt: null,
        revokedByTokenId: null,
        revocationReason: null,
      });
      // The client sees it too, but not which of the operator's employees recorded it.
      const seen = await sut.call(
        `query ($id: ID!) { writtenConsent(id: $id) { id recordedByTokenId recordedByEmployeeId } }`,
        { id: consent.id },
        reader,
      );
      expect(seen.data?.writtenConsent).toEqual({ id: consent.id, recordedByTokenId: officer.tokenId, recordedByEmployeeId: null });
    });

    it("lets the client's consents:write token grant one for its own contract: granted now, the token kept", async () => {
      const contractId = await contractOf();
      const subcontractorId = newId();
      const consent = await grant(apiGrant(contractId, { kind: 'RE_ENTRUSTMENT', purposes: null, subcontractorId }));
      expect(consent).toMatchObject({
        clientId,
        kind: 'RE_ENTRUSTMENT',
        purposes: null,
        subcontractorId,
        grantedAt: T0.toISOString(),
        source: 'API',
        recordedByTokenId: granter.tokenId,
        recordedByEmployeeId: null,
      });
    });

    it("answers another client's contract as a missing one, and writes nothing", async () => {
      const foreign = await contractOf(otherClientId);
      const before = await consentCount();
      const res = await sut.call(GRANT, { input: apiGrant(foreign) }, granter);
      expect(errorCodes(res)).toEqual(['NOT_FOUND']);
      expect(res.errors?.[0]?.message).toBe(`No contract ${foreign}.`);
      expect(await consentCount()).toBe(before);
    });

    it('refuses callers without the role or the scope with FORBIDDEN', async () => {
      const contractId = await contractOf();
      const before = await consentCount();
      expect(errorCodes(await sut.call(GRANT, { input: apiGrant(contractId) }, reader))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await sut.call(GRANT, { input: apiGrant(contractId) }, admin))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await sut.call(RECORD, { input: paper(contractId) }, granter))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await sut.call(RECORD, { input: paper(contractId) }, staffPrincipal(StaffRole.HANDLER)))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await sut.call(LIST, {}, partnerPrincipal(clientId, [Scope.CONSENTS_WRITE])))).toEqual(['FORBIDDEN']);
      expect(await consentCount()).toBe(before);
    });

    it('refuses a scope that does not fit its kind, a bad digest and impossible times with BAD_USER_INPUT, and writes nothing', async () => {
      const contractId = await contractOf();
      const before = await consentCount();
      const bad = [
        paper(contractId, { purposes: null }),
        paper(contractId, { kind: 'RE_ENTRUSTMENT', purposes: null }),
        paper(contractId, { kind: 'TAKE_OUT', subcontractorId: newId() }),
        paper(contractId, { documentSha256: 'not-a-digest' }),
        paper(contractId, { grantedAt: at(60_000).toISOString() }),
        paper(contractId, { expiresAt: at(-60_000).toISOString() }),
        paper(contractId, { grantedByName: '   ' }),
        paper(contractId, { kind: 'DISCLOSURE' }),
      ];
      for (const input of bad) {
        const res = await sut.call(RECORD, { input }, admin);
        expect(errorCodes(res)[0]).toMatch(/^(BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED)$/);
      }
      expect(await consentCount()).toBe(before);
    });

    it('refuses a consent for a contract that is over with CONFLICT', async () => {
      const contractId = await contractOf();
      await sut.call(
        `mutation ($input: EndContractInput!) { endContract(input: $input) { id } }`,
        { input: { id: contractId, endedOn: '2026-05-31' } },
        admin,
      );
      const before = await consentCount();
      expect(errorCodes(await sut.call(RECORD, { input: paper(contractId) }, admin))).toEqual(['CONFLICT']);
      expect(await consentCount()).toBe(before);
    });

    it("revokes: kept with when, by whom and why, reported to the client under the consent's article, once", async () => {
      const contractId = await contractOf();
      const consent = await record(paper(contractId, { kind: 'TAKE_OUT', purposes: null }));
      clock.advance(3_600_000);
      const res = await sut.call(REVOKE, { input: { id: consent.id, reason: '書面による撤回' } }, granter);
      expect(res.errors).toBeUndefined();
      expect(res.data?.revokeWrittenConsent).toMatchObject({
        state: 'REVOKED',
        revokedAt: at(3_600_000).toISOString(),
        revokedByTokenId: granter.tokenId,
        revocationReason: '書面による撤回',
      });
      expect(await revocationReports(consent.id)).toEqual([
        {
          clientId,
          contractIds: [contractId],
          article: 'Art 3',
          kind: 'consent.revoked',
          subject: { type: 'WrittenConsent', id: consent.id },
          facts: {
            consentId: consent.id,
            contractId,
            consentKind: 'TAKE_OUT',
            subcontractorId: null,
            revokedAt: at(3_600_000).toISOString(),
          },
          dueAt: at(3_600_000 + DAY).toISOString(),
        },
      ]);
      // Again: CONFLICT, nothing written, no second report.
      expect(errorCodes(await sut.call(REVOKE, { input: { id: consent.id, reason: 'again' } }, admin))).toEqual(['CONFLICT']);
      expect(await revocationReports(consent.id)).toHaveLength(1);
      expect((await manager().findOneByOrFail(WrittenConsentEntity, { id: consent.id })).revocationReason).toBe('書面による撤回');
    });

    it("refuses to revoke another client's consent (NOT_FOUND) or without consents:write (FORBIDDEN), and writes nothing", async () => {
      const foreign = await record(paper(await contractOf(otherClientId)));
      expect(errorCodes(await sut.call(REVOKE, { input: { id: foreign.id, reason: 'r' } }, granter))).toEqual(['NOT_FOUND']);
      expect(
        errorCodes(
          await sut.call(REVOKE, { input: { id: foreign.id, reason: 'r' } }, partnerPrincipal(otherClientId, [Scope.CONTRACTS_READ])),
        ),
      ).toEqual(['FORBIDDEN']);
      expect(errorCodes(await sut.call(REVOKE, { input: { id: foreign.id, reason: 'r' } }, staffPrincipal(StaffRole.AUDITOR)))).toEqual([
        'FORBIDDEN',
      ]);
      expect((await manager().findOneByOrFail(WrittenConsentEntity, { id: foreign.id })).revokedAt).toBeNull();
      expect(await revocationReports(foreign.id)).toEqual([]);
    });

    it('lists consents by contract, kind and state on the clock; a partner sees only its own', async () => {
      const contractId = await contractOf();
      const lapsing = await record(paper(contractId, { expiresAt: at(DAY).toISOString() }));
      const takeOut = await record(paper(contractId, { kind: 'TAKE_OUT', purposes: null }));
      const revoked = await record(paper(contractId, { purposes: ['marketing'] }));
      await sut.call(REVOKE, { input: { id: revoked.id, reason: 'r' } }, admin);
      const foreign = await contractOf(otherClientId);
      await record(paper(foreign));
      const ids = async (variables: Record<string, unknown>, as: Principal = admin) =>
        ((await sut.call(LIST, variables, as)).data?.writtenConsents.edges as { node: { id: string } }[]).map((e) => e.node.id);
      expect(await ids({ contractId })).toEqual([lapsing.id, takeOut.id, revoked.id]);
      expect(await ids({ contractId, kind: 'TAKE_OUT' })).toEqual([takeOut.id]);
      expect(await ids({ contractId, state: 'CURRENT' })).toEqual([lapsing.id, takeOut.id]);
      expect(await ids({ contractId, state: 'REVOKED' })).toEqual([revoked.id]);
      clock.set(at(DAY));
      expect(await ids({ contractId, state: 'EXPIRED' })).toEqual([lapsing.id]);
      expect(await ids({ contractId, state: 'CURRENT' })).toEqual([takeOut.id]);
      const field = (await sut.call(OF_CONTRACT, { id: contractId, state: 'EXPIRED' }, reader)).data?.contract.writtenConsents;
      expect(field).toEqual([{ id: lapsing.id, kind: 'BEYOND_PURPOSE', state: 'EXPIRED' }]);
      // A partner: its own, whatever contract it names.
      expect(await ids({ contractId: foreign }, reader)).toEqual([]);
      const mine = await ids({}, reader);
      expect(mine).toEqual(expect.arrayContaining([lapsing.id, takeOut.id, revoked.id]));
      const theirs = await ids({ contractId: foreign }, admin);
      expect(mine.some((id) => theirs.includes(id))).toBe(false);
    });
  });

  describe('the decision', () => {
    const ask = (contractId: string, action: string, purpose: string, more: Record<string, unknown> = {}) => ({
      contractId,
      action,
      purpose,
      ...more,
    });

    it('allows use, copy, duplication and modification for a contract purpose, naming the purpose version', async () => {
      const contractId = await contractOf();
      for (const action of ['USE', 'COPY', 'DUPLICATE', 'MODIFY']) {
        expect(await decide(ask(contractId, action, 'payroll'))).toMatchObject({
          allowed: true,
          refusal: null,
          article: 'Art 4',
          grounds: [{ kind: 'CONTRACT_PURPOSE', purposeVersion: 1, consentId: null, consentKind: null }],
        });
      }
      await sut.call(
        `mutation ($input: ChangeContractPurposesInput!) { changeContractPurposes(input: $input) { id } }`,
        { input: { id: contractId, purposes: ['payroll', 'statistics'], reason: 'amendment' } },
        admin,
      );
      expect((await decide(ask(contractId, 'COPY', 'statistics'))).grounds).toEqual([
        { kind: 'CONTRACT_PURPOSE', purposeVersion: 2, consentId: null, consentKind: null },
      ]);
    });

    it('needs a BEYOND_PURPOSE consent outside the purposes; refuses it expired or revoked by name, and moves with the clock', async () => {
      const contractId = await contractOf();
      expect(await decide(ask(contractId, 'USE', 'statistics'))).toMatchObject({
        allowed: false,
        refusal: 'CONSENT_REQUIRED',
        article: 'Art 2.1',
        consentId: null,
      });
      const consent = await record(paper(contractId, { expiresAt: at(DAY).toISOString() }));
      expect(await decide(ask(contractId, 'MODIFY', 'statistics'))).toMatchObject({
        allowed: true,
        article: 'Art 2.1',
        grounds: [{ kind: 'WRITTEN_CONSENT', consentId: consent.id, consentKind: 'BEYOND_PURPOSE', purposeVersion: null }],
      });
      // A purpose it does not name is still outside.
      expect((await decide(ask(contractId, 'USE', 'marketing'))).refusal).toBe('CONSENT_REQUIRED');
      clock.set(at(DAY - 1));
      expect((await decide(ask(contractId, 'USE', 'statistics'))).allowed).toBe(true);
      clock.set(at(DAY));
      expect(await decide(ask(contractId, 'USE', 'statistics'))).toMatchObject({
        allowed: false,
        refusal: 'CONSENT_EXPIRED',
        consentId: consent.id,
        grounds: [],
      });

      const renewed = await record(paper(contractId));
      expect((await decide(ask(contractId, 'USE', 'statistics'))).grounds[0]?.consentId).toBe(renewed.id);
      await sut.call(REVOKE, { input: { id: renewed.id, reason: 'withdrawn' } }, granter);
      // Revoked outranks expired: the client's latest word.
      expect(await decide(ask(contractId, 'USE', 'statistics'))).toMatchObject({
        allowed: false,
        refusal: 'CONSENT_REVOKED',
        consentId: renewed.id,
      });
    });

    it('reads the assets a consent covers: a consent for one asset covers neither another nor the contract as a whole', async () => {
      const contractId = await contractOf();
      const covered = newId();
      await record(paper(contractId, { assetIds: [covered] }));
      expect((await decide(ask(contractId, 'COPY', 'statistics', { assetId: covered }))).allowed).toBe(true);
      expect((await decide(ask(contractId, 'COPY', 'statistics', { assetId: newId() }))).refusal).toBe('CONSENT_REQUIRED');
      expect((await decide(ask(contractId, 'COPY', 'statistics'))).refusal).toBe('CONSENT_REQUIRED');
    });

    it('allows disclosure only where the service needs it: no consent can allow it (Art 2.2)', async () => {
      const contractId = await contractOf();
      await record(paper(contractId));
      expect(await decide(ask(contractId, 'DISCLOSE', 'payroll'))).toMatchObject({ allowed: true, article: 'Art 2.2' });
      expect(await decide(ask(contractId, 'DISCLOSE', 'statistics'))).toMatchObject({
        allowed: false,
        refusal: 'PURPOSE_NOT_PERMITTED',
        article: 'Art 2.2',
      });
    });

    it('allows taking out for a contract purpose; for another, the use and the take-out each need their consent', async () => {
      const contractId = await contractOf();
      expect(await decide(ask(contractId, 'TAKE_OUT', 'payroll'))).toMatchObject({
        allowed: true,
        article: 'Art 3',
        grounds: [{ kind: 'CONTRACT_PURPOSE' }],
      });
      expect(await decide(ask(contractId, 'TAKE_OUT', 'statistics'))).toMatchObject({ refusal: 'CONSENT_REQUIRED', article: 'Art 2.1' });
      const use = await record(paper(contractId));
      expect(await decide(ask(contractId, 'TAKE_OUT', 'statistics'))).toMatchObject({ refusal: 'CONSENT_REQUIRED', article: 'Art 3' });
      const takeOut = await grant(apiGrant(contractId, { kind: 'TAKE_OUT', purposes: ['statistics'], expiresAt: at(DAY).toISOString() }));
      expect(await decide(ask(contractId, 'TAKE_OUT', 'statistics'))).toMatchObject({
        allowed: true,
        grounds: [
          { kind: 'WRITTEN_CONSENT', consentId: use.id, consentKind: 'BEYOND_PURPOSE' },
          { kind: 'WRITTEN_CONSENT', consentId: takeOut.id, consentKind: 'TAKE_OUT' },
        ],
      });
      clock.set(at(DAY));
      expect(await decide(ask(contractId, 'TAKE_OUT', 'statistics'))).toMatchObject({
        refusal: 'CONSENT_EXPIRED',
        consentId: takeOut.id,
        article: 'Art 3',
      });
    });

    it('always needs a current RE_ENTRUSTMENT consent for that subcontractor to transfer to it', async () => {
      const contractId = await contractOf();
      const approved = newId();
      expect(await decide(ask(contractId, 'TRANSFER_TO_SUBCONTRACTOR', 'payroll', { subcontractorId: approved }))).toMatchObject({
        allowed: false,
        refusal: 'CONSENT_REQUIRED',
        article: 'Art 6.1',
      });
      const consent = await grant(apiGrant(contractId, { kind: 'RE_ENTRUSTMENT', purposes: null, subcontractorId: approved }));
      expect(await decide(ask(contractId, 'TRANSFER_TO_SUBCONTRACTOR', 'payroll', { subcontractorId: approved }))).toMatchObject({
        allowed: true,
        article: 'Art 6.1',
        grounds: [
          { kind: 'CONTRACT_PURPOSE', purposeVersion: 1 },
          { kind: 'WRITTEN_CONSENT', consentId: consent.id, consentKind: 'RE_ENTRUSTMENT' },
        ],
      });
      expect((await decide(ask(contractId, 'TRANSFER_TO_SUBCONTRACTOR', 'payroll', { subcontractorId: newId() }))).refusal).toBe(
        'CONSENT_REQUIRED',
      );
      // Outside the purposes the transfer needs the use allowed first.
      expect(await decide(ask(contractId, 'TRANSFER_TO_SUBCONTRACTOR', 'statistics', { subcontractorId: approved }))).toMatchObject({
        refusal: 'CONSENT_REQUIRED',
        article: 'Art 2.1',
      });
      await sut.call(REVOKE, { input: { id: consent.id, reason: 'r' } }, admin);
      expect(await decide(ask(contractId, 'TRANSFER_TO_SUBCONTRACTOR', 'payroll', { subcontractorId: approved }))).toMatchObject({
        refusal: 'CONSENT_REVOKED',
        consentId: consent.id,
      });
    });

    it('refuses everything on a contract that is not ACTIVE', async () => {
      const draft = await contractOf(clientId, { draft: true });
      expect(await decide(ask(draft, 'USE', 'payroll'))).toMatchObject({
        allowed: false,
        refusal: 'CONTRACT_NOT_ACTIVE',
        contractStatus: 'DRAFT',
      });
      const ended = await contractOf();
      await sut.call(
        `mutation ($input: EndContractInput!) { endContract(input: $input) { id } }`,
        { input: { id: ended, endedOn: '2026-05-31' } },
        admin,
      );
      expect(await decide(ask(ended, 'USE', 'payroll'))).toMatchObject({
        allowed: false,
        refusal: 'CONTRACT_NOT_ACTIVE',
        contractStatus: 'ENDED',
        article: 'Art 9.1',
      });
    });

    it("refuses a malformed question with BAD_USER_INPUT; another client's contract is NOT_FOUND; without contracts:read FORBIDDEN", async () => {
      const contractId = await contractOf();
      expect(errorCodes(await sut.call(DECIDE, ask(contractId, 'TRANSFER_TO_SUBCONTRACTOR', 'payroll'), admin))).toEqual([
        'BAD_USER_INPUT',
      ]);
      expect(errorCodes(await sut.call(DECIDE, ask(contractId, 'USE', 'payroll', { subcontractorId: newId() }), admin))).toEqual([
        'BAD_USER_INPUT',
      ]);
      expect(errorCodes(await sut.call(DECIDE, ask(contractId, 'USE', '   '), admin))).toEqual(['BAD_USER_INPUT']);
      const foreign = await contractOf(otherClientId);
      expect(errorCodes(await sut.call(DECIDE, ask(foreign, 'USE', 'payroll'), reader))).toEqual(['NOT_FOUND']);
      expect(
        errorCodes(await sut.call(DECIDE, ask(contractId, 'USE', 'payroll'), partnerPrincipal(clientId, [Scope.CONSENTS_WRITE]))),
      ).toEqual(['FORBIDDEN']);
      expect((await decide(ask(contractId, 'USE', 'payroll'), reader)).allowed).toBe(true);
    });

    it("answers custody on DecideContractAction within the carried caller's scope, and no other service", async () => {
      const contractId = await contractOf();
      const approved = newId();
      await grant(apiGrant(contractId, { kind: 'RE_ENTRUSTMENT', purposes: ['payroll'], subcontractorId: approved }));
      const keys = await testKeys();
      const custody = new ServiceClient(new CredentialIssuer('custody', keys.privateKey('custody')), { contracts: sut.app.url });
      const request = { contractId, action: 'TRANSFER_TO_SUBCONTRACTOR' as const, purpose: 'payroll', subcontractorId: approved };
      const { decision } = await custody.call(DecideContractAction, request, staffPrincipal(StaffRole.HANDLER));
      expect(decision).toMatchObject({ contractId, allowed: true, refusal: null, contractStatus: 'ACTIVE', decidedAt: T0.toISOString() });
      // As the client's partner, through custody: its own contract answers, another's is NOT_FOUND.
      expect((await custody.call(DecideContractAction, { ...request, subcontractorId: newId() }, reader)).decision.refusal).toBe(
        'CONSENT_REQUIRED',
      );
      await expect(
        custody.call(DecideContractAction, request, partnerPrincipal(otherClientId, [Scope.CUSTODY_WRITE])),
      ).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
      // A service that is not a caller of the route.
      const worker = new ServiceClient(new CredentialIssuer('worker', keys.privateKey('worker')), { contracts: sut.app.url });
      await expect(worker.call(DecideContractAction, request, null)).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
    });
  });
});
