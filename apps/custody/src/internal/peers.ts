/**
 * What custody asks other services, on their internal routes, and the shape of their answers.
 * The owner of a fact decides about it: contracts says which client owns a contract (within the
 * caller's tenant scope), personnel checks an employee and records a custodianship. An answer
 * that does not have the agreed shape is treated as the service not answering.
 */
import { z } from 'zod';
import { DomainError, ErrorCode, type Principal } from '@azukari/common';
import type { ServiceClient } from '@azukari/service-kit';

const contractFacts = z.object({
  contracts: z.array(z.object({ id: z.string(), clientId: z.string(), status: z.enum(['ACTIVE', 'ENDED']) })),
});
export type ContractFact = z.infer<typeof contractFacts>['contracts'][number];

const custodianshipAnswer = z.object({ custodianshipId: z.string() });

const understood = <T extends z.ZodTypeAny>(service: string, schema: T, answer: unknown): z.infer<T> => {
  const parsed = schema.safeParse(answer);
  if (!parsed.success) {
    throw new DomainError(
      ErrorCode.SERVICE_UNAVAILABLE,
      `The ${service} service gave an answer custody does not understand. Try again shortly.`,
    );
  }
  return parsed.data;
};

export interface CustodianshipRequest {
  assetId: string;
  employeeId: string;
  contractId: string;
  clientId: string;
}

export class Peers {
  constructor(private readonly services: ServiceClient) {}

  /** The contract as the caller may see it, or null: a partner gets nothing of another client's. */
  async contract(id: string, caller: Principal, trace: string): Promise<ContractFact | null> {
    const answer = await this.services.post('contracts', '/contracts/lookup', { ids: [id] }, caller, trace);
    return understood('contracts', contractFacts, answer).contracts.find((c) => c.id === id) ?? null;
  }

  /** Personnel's refusal (NOT_FOUND, BAD_USER_INPUT...) reaches the caller unchanged. */
  async assignCustodian(request: CustodianshipRequest, caller: Principal, trace: string): Promise<string> {
    const answer = await this.services.post('personnel', '/custodianships/assign', request, caller, trace);
    return understood('personnel', custodianshipAnswer, answer).custodianshipId;
  }
}
