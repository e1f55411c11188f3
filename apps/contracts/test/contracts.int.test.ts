import { Scope, StaffRole, generateServiceKey, CredentialIssuer } from '@azukari/common';
import { errorCodes, gatewayCredential, graphql, partnerPrincipal, staffPrincipal } from '@azukari/testing';
import { bootContracts, type BootedContracts } from './boot';

const CREATE_CLIENT = `mutation ($input: CreateClientInput!) { createClient(input: $input) { client { id name reportEmail } webhookSecret } }`;
const CREATE_CONTRACT = `mutation ($input: CreateContractInput!) { createContract(input: $input) { id clientId title purposes executedOn status } }`;
const CLIENTS = `{ clients(first: 100) { edges { node { id name } } } }`;

describe('contracts subgraph', () => {
  let sut: BootedContracts;
  const admin = staffPrincipal(StaffRole.ADMIN);

  beforeAll(async () => {
    sut = await bootContracts();
  });
  afterAll(async () => {
    await sut.close();
  });

  const createClient = async (name: string) => {
    const res = await sut.call(
      CREATE_CLIENT,
      { input: { name, address: '東京都千代田区大手町1-6-1', reportEmail: 'Privacy@Example.jp' } },
      admin,
    );
    return res;
  };

  describe('called directly', () => {
    it('refuses a request without a credential', async () => {
      const res = await graphql(sut.url, CLIENTS);
      expect(res.status).toBe(401);
      expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
    });

    it('refuses a credential signed for another audience', async () => {
      const res = await graphql(sut.url, CLIENTS, {}, await gatewayCredential('custody', admin));
      expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
    });

    it('refuses a credential signed by a key it does not trust', async () => {
      const stranger = await generateServiceKey('gateway');
      const token = await new CredentialIssuer('gateway', stranger.privateJwk).sign('contracts', { caller: admin });
      expect(errorCodes(await graphql(sut.url, CLIENTS, {}, token))).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('clients', () => {
    it('keeps names apart that common collations equate: kana variants and supplementary-plane characters', async () => {
      const names = ['株式会社ハシモト', '株式会社パシモト', '株式会社はしもと', '𠮷野商事', '𩸽野商事'];
      for (const name of names) {
        const res = await createClient(name);
        expect(res.errors).toBeUndefined();
        expect(res.data?.createClient.client.name).toBe(name);
        expect(res.data?.createClient.client.reportEmail).toBe('privacy@example.jp');
      }
      const listed = (await sut.call(CLIENTS, {}, admin)).data?.clients.edges.map((e: { node: { name: string } }) => e.node.name);
      expect(listed).toEqual(expect.arrayContaining(names));
    });

    it('refuses the same name twice with CONFLICT', async () => {
      await createClient('株式会社重複');
      expect(errorCodes(await createClient('株式会社重複'))).toEqual(['CONFLICT']);
    });

    it('refuses bad input with BAD_USER_INPUT and writes nothing', async () => {
      const before = (await sut.call(CLIENTS, {}, admin)).data?.clients.edges.length;
      const res = await sut.call(CREATE_CLIENT, { input: { name: '', address: 'x', reportEmail: 'not-an-email' } }, admin);
      expect(errorCodes(res)[0]).toBe('BAD_USER_INPUT');
      const insecure = await sut.call(
        CREATE_CLIENT,
        { input: { name: 'Plain HTTP', address: 'x', reportEmail: 'a@b.jp', webhookUrl: 'http://partner.example.com/hook' } },
        admin,
      );
      expect(errorCodes(insecure)).toEqual(['BAD_USER_INPUT']);
      expect((await sut.call(CLIENTS, {}, admin)).data?.clients.edges.length).toBe(before);
    });

    it('gives the webhook signing secret once, in the Standard Webhooks format', async () => {
      const res = await sut.call(
        CREATE_CLIENT,
        { input: { name: 'Webhook KK', address: 'x', reportEmail: 'a@b.jp', webhookUrl: 'https://hooks.example.jp/azukari' } },
        admin,
      );
      expect(res.data?.createClient.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    });
  });

  describe('contracts and tenant scope', () => {
    let ownId: string;
    let otherId: string;
    let ownContract: string;
    let otherContract: string;

    beforeAll(async () => {
      ownId = (await createClient('Own KK')).data?.createClient.client.id;
      otherId = (await createClient('Other KK')).data?.createClient.client.id;
      const input = { title: '給与計算業務', purposes: ['payroll'], executedOn: '2026-04-01', startsOn: '2026-04-01' };
      ownContract = (await sut.call(CREATE_CONTRACT, { input: { ...input, clientId: ownId } }, admin)).data?.createContract.id;
      otherContract = (await sut.call(CREATE_CONTRACT, { input: { ...input, clientId: otherId } }, admin)).data?.createContract.id;
    });

    it('shows a partner only its own contracts, whatever clientId it passes', async () => {
      const partner = partnerPrincipal(ownId, [Scope.CONTRACTS_READ]);
      const query = `query ($clientId: ID) { contracts(clientId: $clientId) { edges { node { id clientId } } } }`;
      const own = await sut.call(query, {}, partner);
      expect(own.data?.contracts.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ownContract]);
      const other = await sut.call(query, { clientId: otherId }, partner);
      expect(other.data?.contracts.edges).toEqual([]);
      const one = await sut.call(`query ($id: ID!) { contract(id: $id) { id } }`, { id: otherContract }, partner);
      expect(one.data?.contract).toBeNull();
    });

    it("resolves no other client's contract through _entities", async () => {
      const partner = partnerPrincipal(ownId, [Scope.CONTRACTS_READ]);
      const res = await sut.call(
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Contract { id title } } }`,
        {
          r: [
            { __typename: 'Contract', id: ownContract },
            { __typename: 'Contract', id: otherContract },
          ],
        },
        partner,
      );
      expect(res.data?._entities).toEqual([{ id: ownContract, title: '給与計算業務' }, null]);
    });

    it('refuses contract creation to partners and auditors with FORBIDDEN', async () => {
      const input = { clientId: ownId, title: 't', purposes: ['p'], executedOn: '2026-04-01', startsOn: '2026-04-01' };
      expect(errorCodes(await sut.call(CREATE_CONTRACT, { input }, partnerPrincipal(ownId, [Scope.CUSTODY_WRITE])))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await sut.call(CREATE_CONTRACT, { input }, staffPrincipal(StaffRole.AUDITOR)))).toEqual(['FORBIDDEN']);
    });

    it('refuses impossible dates with BAD_USER_INPUT', async () => {
      const input = { clientId: ownId, title: 't', purposes: ['p'], executedOn: '2026-02-30', startsOn: '2026-04-01' };
      expect(errorCodes(await sut.call(CREATE_CONTRACT, { input }, admin))).toEqual(['BAD_USER_INPUT']);
    });
  });
});
