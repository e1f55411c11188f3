/** The rules of clients: unique names (compared exactly, utf8mb4_bin), a signing secret per webhook. */
import { DomainError, ErrorCode, cleanText, newId } from '@azukari/common';
import { isDuplicateKey, type TenantScope } from '@azukari/db';
import type { ContractsDeps } from '../deps';
import { newWebhookSecret } from '../secret-box';
import { ClientEntity } from './client.entity';
import { ClientRepository } from './client.repository';
import type { CreateClientInput } from './client.inputs';

export interface CreatedClient {
  client: ClientEntity;
  /** Shown once, at creation. */
  webhookSecret: string | null;
}

const isLocalhost = (url: URL): boolean => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

export class ClientService {
  constructor(
    private readonly deps: ContractsDeps,
    private readonly scope: TenantScope,
  ) {}

  async create(input: CreateClientInput): Promise<CreatedClient> {
    const name = cleanText('name', input.name, 200);
    const address = cleanText('address', input.address, 500);
    let webhookUrl: string | null = null;
    if (input.webhookUrl) {
      const url = new URL(input.webhookUrl);
      if (url.protocol !== 'https:' && !isLocalhost(url)) {
        throw new DomainError(ErrorCode.BAD_USER_INPUT, 'webhookUrl must use https (http is accepted for localhost only).');
      }
      webhookUrl = url.toString();
    }
    const webhookSecret = webhookUrl ? newWebhookSecret() : null;
    const taken = () => new DomainError(ErrorCode.CONFLICT, `A client named "${name}" exists already.`);
    const client = await this.deps.dataSource
      .transaction(async (manager) => {
        const repo = new ClientRepository(manager, this.scope);
        if (await repo.existsByName(name)) throw taken();
        const now = this.deps.clock.now();
        const row: ClientEntity = {
          id: newId(),
          name,
          address,
          reportEmail: input.reportEmail.trim().toLowerCase(),
          webhookUrl,
          webhookSecretSealed: webhookSecret ? this.deps.secrets.seal(webhookSecret) : null,
          createdAt: now,
          updatedAt: now,
        };
        await repo.insert(row);
        return row;
      })
      .catch((error: unknown) => {
        // Two creations racing past existsByName: the unique index decides.
        throw isDuplicateKey(error) ? taken() : error;
      });
    return { client, webhookSecret };
  }
}
