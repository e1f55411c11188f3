/** The rules of contracts: only staff create them, for a client that exists; dates must make sense. */
import { DomainError, ErrorCode, cleanText, isCalendarDate, newId } from '@azukari/common';
import type { TenantScope } from '@azukari/db';
import type { ContractsDeps } from '../deps';
import { ClientRepository } from '../client/client.repository';
import { ContractEntity } from './contract.entity';
import { ContractRepository } from './contract.repository';
import type { CreateContractInput } from './contract.inputs';

export class ContractService {
  constructor(
    private readonly deps: ContractsDeps,
    private readonly scope: TenantScope,
  ) {}

  async create(input: CreateContractInput): Promise<ContractEntity> {
    for (const [field, value] of [
      ['executedOn', input.executedOn],
      ['startsOn', input.startsOn],
      ['endsOn', input.endsOn],
    ] as const) {
      if (value != null && !isCalendarDate(value))
        throw new DomainError(ErrorCode.BAD_USER_INPUT, `${field} is not a calendar date (YYYY-MM-DD).`);
    }
    if (input.endsOn && input.endsOn < input.startsOn) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'endsOn must not be before startsOn.');
    }
    const title = cleanText('title', input.title, 300);
    const purposes = input.purposes.map((p) => cleanText('purpose', p, 200));
    return await this.deps.dataSource.transaction(async (manager) => {
      const client = await new ClientRepository(manager, this.scope).findById(input.clientId);
      if (!client) throw new DomainError(ErrorCode.NOT_FOUND, `No client ${input.clientId}.`);
      const now = this.deps.clock.now();
      const row: ContractEntity = {
        id: newId(),
        clientId: client.id,
        title,
        purposes,
        executedOn: input.executedOn,
        startsOn: input.startsOn,
        endsOn: input.endsOn ?? null,
        status: 'ACTIVE',
        createdAt: now,
        updatedAt: now,
      };
      await new ContractRepository(manager, this.scope).insert(row);
      return row;
    });
  }
}
