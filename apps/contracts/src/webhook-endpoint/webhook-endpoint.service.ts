/**
 * The rules of webhook endpoints: an endpoint belongs to one client, receives the kinds of report it
 * names, signs with a secret shown once, and rotates it with an overlap in which both secrets sign.
 * An endpoint that answers 410 Gone is disabled by the system, and the client is told by email.
 */
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode, newId } from '@azukari/common';
import { OPERATOR_SCOPE, type TenantScope } from '@azukari/db';
import { WebhookEndpointDisabledNotice } from '@azukari/jobs';
import type { ContractsDeps } from '../deps';
import { actingClient } from '../client/acting-client';
import { newWebhookSecret } from '../webhook-secret';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';
import type { CreateWebhookEndpointInput, RotateWebhookSecretInput, UpdateWebhookEndpointInput } from './webhook-endpoint.inputs';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';
import { kindsOf } from './webhook-endpoint.type';
import { webhookUrl } from './webhook-url';

export interface EndpointWithSecret {
  row: WebhookEndpointEntity;
  /** Shown once. */
  secret: string;
}

const DEFAULT_OVERLAP_MINUTES = 24 * 60;

const kindsColumn = (kinds: readonly string[] | null | undefined): string | null =>
  kinds && kinds.length > 0 ? JSON.stringify([...new Set(kinds)].sort()) : null;

/** Does this endpoint receive reports of `kind`? */
export const receives = (row: WebhookEndpointEntity, kind: string): boolean => {
  const kinds = kindsOf(row);
  return row.enabled && (kinds === null || kinds.includes(kind));
};

export class WebhookEndpointService {
  constructor(
    private readonly deps: ContractsDeps,
    private readonly scope: TenantScope,
  ) {}

  /** Inside `manager`'s transaction when given (a client created with its first endpoint). */
  async create(input: CreateWebhookEndpointInput, manager?: EntityManager): Promise<EndpointWithSecret> {
    const url = webhookUrl(input.url);
    const run = async (m: EntityManager): Promise<EndpointWithSecret> => {
      const clientId = await actingClient(m, this.scope, input.clientId);
      const secret = newWebhookSecret();
      const now = this.deps.clock.now();
      const row: WebhookEndpointEntity = {
        id: newId(),
        clientId,
        url,
        kinds: kindsColumn(input.kinds),
        enabled: input.enabled ?? true,
        disabledReason: null,
        disabledAt: null,
        secretSealed: this.deps.secrets.seal(secret),
        previousSecretSealed: null,
        previousSecretExpiresAt: null,
        secretCreatedAt: now,
        createdAt: now,
        updatedAt: now,
      };
      await new WebhookEndpointRepository(m, this.scope).insert(row);
      return { row, secret };
    };
    return manager ? await run(manager) : await this.deps.dataSource.transaction(run);
  }

  private async locked(manager: EntityManager, id: string): Promise<WebhookEndpointEntity> {
    const row = await new WebhookEndpointRepository(manager, this.scope).lockById(id);
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `No webhook endpoint ${id}.`);
    return row;
  }

  async update(id: string, input: UpdateWebhookEndpointInput): Promise<WebhookEndpointEntity> {
    const url = input.url ? webhookUrl(input.url) : null;
    return await this.deps.dataSource.transaction(async (manager) => {
      const row = await this.locked(manager, id);
      if (url) row.url = url;
      if (input.kinds !== undefined) row.kinds = kindsColumn(input.kinds);
      if (input.enabled !== undefined && input.enabled !== null) {
        row.enabled = input.enabled;
        if (input.enabled) {
          row.disabledReason = null;
          row.disabledAt = null;
        }
      }
      row.updatedAt = this.deps.clock.now();
      await new WebhookEndpointRepository(manager, this.scope).save(row);
      return row;
    });
  }

  async rotateSecret(input: RotateWebhookSecretInput): Promise<EndpointWithSecret> {
    return await this.deps.dataSource.transaction(async (manager) => {
      const row = await this.locked(manager, input.id);
      const now = this.deps.clock.now();
      const overlapMs = (input.overlapMinutes ?? DEFAULT_OVERLAP_MINUTES) * 60_000;
      const secret = newWebhookSecret();
      row.previousSecretSealed = overlapMs > 0 ? row.secretSealed : null;
      row.previousSecretExpiresAt = overlapMs > 0 ? new Date(now.getTime() + overlapMs) : null;
      row.secretSealed = this.deps.secrets.seal(secret);
      row.secretCreatedAt = now;
      row.updatedAt = now;
      await new WebhookEndpointRepository(manager, this.scope).save(row);
      return { row, secret };
    });
  }

  async remove(id: string): Promise<WebhookEndpointEntity> {
    return await this.deps.dataSource.transaction(async (manager) => {
      const row = await this.locked(manager, id);
      await new WebhookEndpointRepository(manager, this.scope).remove({ ...row });
      return row;
    });
  }

  /**
   * The endpoint answered 410 Gone: disabled, and the client told by email, in `manager`'s
   * transaction (the outcome that said so). Once: a second 410 finds it disabled already.
   */
  async disableGone(manager: EntityManager, endpointId: string, reportId: string, at: Date, trace: string | null): Promise<void> {
    const repo = new WebhookEndpointRepository(manager, OPERATOR_SCOPE);
    const row = await repo.lockById(endpointId);
    if (!row || !row.enabled) return;
    row.enabled = false;
    row.disabledReason = 'it answered 410 Gone';
    row.disabledAt = at;
    row.updatedAt = this.deps.clock.now();
    await repo.save(row);
    await this.deps.outbox.add(
      manager,
      WebhookEndpointDisabledNotice,
      { endpointId: row.id, clientId: row.clientId, disabledAt: at.toISOString(), reportId },
      trace,
    );
  }

  /** The secrets that sign now: the current one, and the previous one during its overlap. */
  signingSecrets(row: WebhookEndpointEntity, now: Date): string[] {
    const current = this.deps.secrets.open(row.secretSealed);
    const previous =
      row.previousSecretSealed && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now
        ? this.deps.secrets.open(row.previousSecretSealed)
        : null;
    return previous ? [current, previous] : [current];
  }
}
