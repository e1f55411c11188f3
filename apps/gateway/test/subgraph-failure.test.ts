/**
 * What a failed subgraph fetch hands the gateway's executor: the subgraph's own refusal with its
 * codes, or SERVICE_UNAVAILABLE per field it was to fill in, in the fetch's own path form (the
 * executor turns `['_entities', i, field]` into the entity's path in the response).
 */
import { CredentialIssuer } from '@azukari/common';
import { testKeys } from '@azukari/testing';
import { formatGatewayError } from '../src/errors';
import { SignedDataSource } from '../src/signed-data-source';
import { close, listen, operation, recordingLogger, urlOf } from './local-subgraph';

describe('a failed subgraph fetch', () => {
  let issuer: CredentialIssuer;
  beforeAll(async () => {
    issuer = new CredentialIssuer('gateway', (await testKeys()).privateKey('gateway'));
  });

  it("passes on the GraphQL errors of a subgraph's 400 with their codes", async () => {
    const refusal = {
      errors: [{ message: 'Value is not a valid email address: x', extensions: { code: 'BAD_USER_INPUT' } }],
    };
    const subgraph = await listen((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify(refusal));
    });
    try {
      const { log } = recordingLogger();
      const source = new SignedDataSource('contracts', urlOf(subgraph), issuer, log);
      const response = await source.process(operation('mutation { createClient { id } }'));
      expect(response.errors).toEqual(refusal.errors);
      expect(response.data).toBeUndefined();
    } finally {
      await close(subgraph);
    }
  });

  it('answers SERVICE_UNAVAILABLE on each root field when the subgraph refuses the connection, naming no URL', async () => {
    const gone = await listen(() => undefined);
    const url = urlOf(gone);
    await close(gone);
    const { log, lines } = recordingLogger();
    const source = new SignedDataSource('custody', url, issuer, log);
    const response = await source.process(
      operation('query { asset(id: "1") { name } mine: assets(contractId: "2") { edges { node { id } } } }'),
    );
    const message = 'The custody service did not answer. Try again shortly.';
    expect(response.errors).toEqual([
      { message, path: ['asset'], extensions: { code: 'SERVICE_UNAVAILABLE' } },
      { message, path: ['mine'], extensions: { code: 'SERVICE_UNAVAILABLE' } },
    ]);
    expect(JSON.stringify(response)).not.toContain('127.0.0.1');
    // The operator, not the caller, learns where the fetch went and why it failed.
    expect(lines.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual(['a subgraph did not answer']);
    expect(lines[0]?.fields.err?.code).toBe('ECONNREFUSED');
  });

  it('answers SERVICE_UNAVAILABLE per entity and contributed field, through named fragments, when the answer is no GraphQL', async () => {
    const subgraph = await listen((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>');
    });
    try {
      const { log } = recordingLogger();
      const source = new SignedDataSource('incidents', urlOf(subgraph), issuer, log);
      const query = `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { __typename ... on Contract { ...ContractIncidents } }
      }
      fragment ContractIncidents on Contract { incidents { edges { node { id } } } latest: incidents(first: 1) { edges { node { id } } } }`;
      const response = await source.process(
        operation(query, {
          representations: [
            { __typename: 'Contract', id: 'a' },
            { __typename: 'Contract', id: 'b' },
          ],
        }),
      );
      expect(response.errors?.map((e) => e.path)).toEqual([
        ['_entities', 0, 'incidents'],
        ['_entities', 0, 'latest'],
        ['_entities', 1, 'incidents'],
        ['_entities', 1, 'latest'],
      ]);
      expect(new Set(response.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['SERVICE_UNAVAILABLE']));
    } finally {
      await close(subgraph);
    }
  });
});

describe('the gateway error formatter', () => {
  it("logs a caller's mistake at debug level and keeps its code and message", () => {
    const { log, lines } = recordingLogger();
    const formatted = formatGatewayError(log)(
      { message: 'Value is not a valid LocalDate: 2026-02-30', extensions: { code: 'BAD_USER_INPUT', serviceName: 'contracts' } },
      new Error('wrapped'),
    );
    expect(formatted).toEqual({ message: 'Value is not a valid LocalDate: 2026-02-30', extensions: { code: 'BAD_USER_INPUT' } });
    expect(lines.map((l) => l.level)).toEqual(['debug']);
  });

  it('logs an error without a code at error level and masks it', () => {
    const { log, lines } = recordingLogger();
    const formatted = formatGatewayError(log)({ message: 'connect ECONNREFUSED 127.0.0.1:4004' }, new Error('boom'));
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(formatted.message).not.toContain('127.0.0.1');
    expect(lines.map((l) => l.level)).toEqual(['error']);
  });
});
