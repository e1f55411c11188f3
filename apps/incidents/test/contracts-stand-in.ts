/**
 * contracts' LookupContracts, stood in for from its definition (@azukari/testing's `standIn`): it
 * verifies the service credential and the caller as contracts does, and answers within the
 * caller's tenant scope from the contracts a test registers.
 */
import { newId, type Principal } from '@azukari/common';
import { LookupContracts } from '@azukari/routes';
import { implement, standIn, type StandIn } from '@azukari/testing';

export interface LookupCall {
  issuer: string;
  caller: Principal | null;
  ids: string[];
}

export class ContractsStandIn {
  /** contract id -> client id */
  private readonly owners = new Map<string, string>();
  readonly calls: LookupCall[] = [];
  /** Fails the next lookup, as a contracts service in trouble would (a 500). */
  failNext = false;
  private server: StandIn | null = null;

  static async start(): Promise<ContractsStandIn> {
    const self = new ContractsStandIn();
    self.server = await standIn('contracts', [
      implement(LookupContracts, async ({ ids }, { credential, caller }) => {
        self.calls.push({ issuer: credential.issuer, caller, ids });
        if (self.failNext) {
          self.failNext = false;
          throw new Error('contracts is in trouble');
        }
        return {
          contracts: ids.flatMap((id) => {
            const clientId = self.owners.get(id);
            // Within the caller's tenant scope: a partner gets only its own contracts.
            if (!clientId || (caller?.kind === 'partner' && caller.clientId !== clientId)) return [];
            return [{ id, clientId, status: 'ACTIVE' as const }];
          }),
        };
      }),
    ]);
    return self;
  }

  get url(): string {
    return this.server?.url ?? '';
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
    await this.server?.close();
  }
}
