/**
 * A stand-in for contracts' POST /internal/contracts/lookup, on a real HTTP server on port 0: it
 * verifies the service credential as contracts does (audience contracts, issuers custody,
 * incidents or personnel) and answers within the caller's tenant scope, as the real route does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CredentialVerifier, newId, type Principal } from '@azukari/common';
import { testKeys } from '@azukari/testing';

export interface LookupCall {
  issuer: string;
  caller: Principal | null;
  ids: string[];
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const send = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

export class ContractsStandIn {
  /** contract id -> client id */
  private readonly owners = new Map<string, string>();
  private readonly server: Server = createServer((req, res) => void this.handle(req, res));
  readonly calls: LookupCall[] = [];
  /** Answers the next lookup with a 500, as a contracts service in trouble would. */
  failNext = false;
  url = '';

  private constructor(private readonly verifier: CredentialVerifier) {}

  static async start(): Promise<ContractsStandIn> {
    const standIn = new ContractsStandIn(new CredentialVerifier('contracts', (await testKeys()).trusted));
    await new Promise<void>((resolve) => standIn.server.listen(0, '127.0.0.1', () => resolve()));
    standIn.url = `http://127.0.0.1:${(standIn.server.address() as AddressInfo).port}`;
    return standIn;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST' || req.url !== '/internal/contracts/lookup')
      return send(res, 404, { error: { code: 'NOT_FOUND', message: 'No such route.' } });
    const header = req.headers.authorization ?? '';
    const credential = await this.verifier.verify(header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '').catch(() => null);
    if (!credential) return send(res, 401, { error: { code: 'UNAUTHENTICATED', message: 'A valid service credential is required.' } });
    if (!['custody', 'incidents', 'personnel'].includes(credential.issuer)) {
      return send(res, 403, { error: { code: 'FORBIDDEN', message: `${credential.issuer} may not call this route.` } });
    }
    const { ids } = JSON.parse(await readBody(req)) as { ids: string[] };
    this.calls.push({ issuer: credential.issuer, caller: credential.caller, ids });
    if (this.failNext) {
      this.failNext = false;
      return send(res, 500, { error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal error.' } });
    }
    const caller = credential.caller;
    const contracts = ids.flatMap((id) => {
      const clientId = this.owners.get(id);
      // Within the caller's tenant scope: a partner gets only its own contracts.
      if (!clientId || (caller?.kind === 'partner' && caller.clientId !== clientId)) return [];
      return [{ id, clientId, status: 'ACTIVE' }];
    });
    return send(res, 200, { contracts });
  }

  /** Registers `count` new contracts of `clientId` and returns their ids. */
  addContracts(clientId: string, count = 1): string[] {
    return Array.from({ length: count }, () => {
      const id = newId();
      this.owners.set(id, clientId);
      return id;
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
