/** The rules of clients: unique names (compared exactly, utf8mb4_bin), where and how reports reach them. */
import { DomainError, ErrorCode, cleanText, newId } from '@azukari/common';
import { isDuplicateKey, type TenantScope } from '@azukari/db';
import type { ContractsDeps } from '../deps';
import { WebhookEndpointService } from '../webhook-endpoint/webhook-endpoint.service';
import { actingClient } from './acting-client';
import { ClientEntity } from './client.entity';
import { ClientRepository } from './client.repository';
import type { CreateClientInput, UpdateClientReportingInput } from './client.inputs';

export interface CreatedClient {
  client: ClientEntity;
  /** The signing secret of its first webhook endpoint, shown once, at creation. */
  webhookSecret: string | null;
}

export class ClientService {
  constructor(
    private readonly deps: ContractsDeps,
    private readonly scope: TenantScope,
  ) {}

  async create(input: CreateClientInput): Promise<CreatedClient> {
    const name = cleanText('name', input.name, 200);
    const address = cleanText('address', input.address, 500);
    const taken = () => new DomainError(ErrorCode.CONFLICT, `A client named "${name}" exists already.`);
    return await this.deps.dataSource
      .transaction(async (manager) => {
        const repo = new ClientRepository(manager, this.scope);
        if (await repo.existsByName(name)) throw taken();
        const now = this.deps.clock.now();
        const row: ClientEntity = {
          id: newId(),
          name,
          address,
          reportEmail: input.reportEmail.trim().toLowerCase(),
          language: input.language ?? 'ja',
          createdAt: now,
          updatedAt: now,
        };
        await repo.insert(row);
        const endpoint = input.webhookUrl
          ? await new WebhookEndpointService(this.deps, this.scope).create({ clientId: row.id, url: input.webhookUrl }, manager)
          : null;
        return { client: row, webhookSecret: endpoint?.secret ?? null };
      })
      .catch((error: unknown) => {
        // Two creations racing past existsByName: the unique index decides.
        throw isDuplicateKey(error) ? taken() : error;
      });
  }

  async updateReporting(input: UpdateClientReportingInput): Promise<ClientEntity> {
    return await this.deps.dataSource.transaction(async (manager) => {
      const id = await actingClient(manager, this.scope, input.clientId);
      const repo = new ClientRepository(manager, this.scope);
      const row = (await repo.findById(id))!;
      if (input.reportEmail) row.reportEmail = input.reportEmail.trim().toLowerCase();
      if (input.language) row.language = input.language;
      row.updatedAt = this.deps.clock.now();
      await repo.save(row);
      return row;
    });
  }
}
