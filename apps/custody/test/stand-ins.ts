/**
 * Small real HTTP servers that stand in for other services' internal routes in custody's tests:
 * they verify the bearer credential as the real service would (its own audience, the keys it
 * trusts), record what they were asked, and answer as the real route answers.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CredentialVerifier, type Principal, type VerifiedCredential } from '@azukari/common';
import { testKeys } from '@azukari/testing';

export interface RecordedCall {
  path: string;
  issuer: string;
  caller: Principal | null;
  body: unknown;
}

export interface Answer {
  status: number;
  body: unknown;
}

type Route = (body: Record<string, unknown>, credential: VerifiedCredential) => Answer;

const readJson = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
};

const refusal = (status: number, code: string, message: string): Answer => ({ status, body: { error: { code, message } } });

export class StandIn {
  readonly calls: RecordedCall[] = [];
  private server: Server | null = null;
  url = '';

  constructor(
    private readonly audience: string,
    private readonly routes: Record<string, Route>,
  ) {}

  async start(): Promise<void> {
    const verifier = new CredentialVerifier(this.audience, (await testKeys()).trusted);
    this.server = createServer((req, res) => {
      void (async () => {
        const answer = await this.answer(req, verifier);
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      })();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async answer(req: IncomingMessage, verifier: CredentialVerifier): Promise<Answer> {
    const path = (req.url ?? '').replace(/^\/internal/, '');
    const route = this.routes[path];
    if (req.method !== 'POST' || !route) return refusal(404, 'NOT_FOUND', 'No such route.');
    const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
    let credential: VerifiedCredential;
    try {
      credential = await verifier.verify(token);
    } catch {
      return refusal(401, 'UNAUTHENTICATED', 'A valid service credential for this service is required.');
    }
    const body = await readJson(req);
    this.calls.push({ path, issuer: credential.issuer, caller: credential.caller, body });
    if (credential.issuer !== 'custody') return refusal(403, 'FORBIDDEN', `${credential.issuer} may not call this route.`);
    return route(body, credential);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export interface ContractFact {
  id: string;
  clientId: string;
  status: 'ACTIVE' | 'ENDED';
}

/** contracts' POST /internal/contracts/lookup: answered within the caller's tenant scope. */
export const contractsStandIn = (contracts: Map<string, ContractFact>): StandIn =>
  new StandIn('contracts', {
    '/contracts/lookup': (body, { caller }) => {
      const ids = body.ids as string[];
      const visible = ids
        .map((id) => contracts.get(id))
        .filter((c): c is ContractFact => c !== undefined)
        .filter((c) => caller?.kind !== 'partner' || c.clientId === caller.clientId);
      return { status: 200, body: { contracts: visible } };
    },
  });

export type EmployeeState = 'ACTIVE' | 'OFFBOARDED' | 'BROKEN';

/** personnel's POST /internal/custodianships/assign: checks the employee, records the custodianship. */
export const personnelStandIn = (employees: Map<string, EmployeeState>): StandIn =>
  new StandIn('personnel', {
    '/custodianships/assign': (body) => {
      const employeeId = body.employeeId as string;
      const state = employees.get(employeeId);
      if (!state) return refusal(404, 'NOT_FOUND', `No employee ${employeeId}.`);
      if (state === 'OFFBOARDED') return refusal(400, 'BAD_USER_INPUT', `Employee ${employeeId} has left and cannot keep assets.`);
      if (state === 'BROKEN') return refusal(500, 'INTERNAL_SERVER_ERROR', 'Internal error.');
      return { status: 200, body: { custodianshipId: randomUUID() } };
    },
  });
