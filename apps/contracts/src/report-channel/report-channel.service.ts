/**
 * Which channels a report takes. A client chooses per kind of report (or for every kind with `*`):
 * email, its webhook endpoints, or both; without a choice, both. Email goes to the recipients the
 * choice names, each its own email with its own links, or to the client's report address. A report is
 * never left untold: when the choice names only webhooks and no enabled endpoint receives the kind,
 * it goes by email.
 */
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode, newId } from '@azukari/common';
import { OPERATOR_SCOPE, isDuplicateKey, type TenantScope } from '@azukari/db';
import type { ContractsDeps } from '../deps';
import { actingClient } from '../client/acting-client';
import { WebhookEndpointRepository } from '../webhook-endpoint/webhook-endpoint.repository';
import { receives } from '../webhook-endpoint/webhook-endpoint.service';
import type { WebhookEndpointEntity } from '../webhook-endpoint/webhook-endpoint.entity';
import { ReportChannelChoiceEntity } from './report-channel.entity';
import type { SetReportChannelsInput } from './report-channel.inputs';
import { ReportChannelRepository } from './report-channel.repository';

export interface ReportChannels {
  email: boolean;
  /** The email recipients the client named; null: its report address. */
  recipients: string[] | null;
  endpoints: WebhookEndpointEntity[];
}

/** The recipients a choice names, or null for the report address. */
export const recipientsOf = (choice: Pick<ReportChannelChoiceEntity, 'recipients'>): string[] | null =>
  choice.recipients === null ? null : (JSON.parse(choice.recipients) as string[]);

/** The channels of one report of `kind` to `clientId`, read in `manager`'s transaction. */
export const channelsFor = async (manager: EntityManager, clientId: string, kind: string): Promise<ReportChannels> => {
  const choices = await new ReportChannelRepository(manager, OPERATOR_SCOPE).forKind(clientId, kind);
  const choice = choices.find((c) => c.kind === kind) ??
    choices.find((c) => c.kind === '*') ?? { email: true, webhook: true, recipients: null };
  const endpoints = choice.webhook
    ? (await new WebhookEndpointRepository(manager, OPERATOR_SCOPE).ofClient(clientId)).filter((e) => receives(e, kind))
    : [];
  return { email: choice.email || endpoints.length === 0, recipients: recipientsOf(choice), endpoints };
};

/** At most this many recipients per kind: a notice list, not a mailing list. */
export const MAX_RECIPIENTS = 20;

export class ReportChannelService {
  constructor(
    private readonly deps: ContractsDeps,
    private readonly scope: TenantScope,
  ) {}

  async set(input: SetReportChannelsInput): Promise<ReportChannelChoiceEntity> {
    if (!input.email && !input.webhook) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Choose email, webhook or both: a report cannot go by no channel.');
    }
    // Addresses are stored lower-cased (as every email is), once each, in the order given.
    const named = input.recipients ? [...new Set(input.recipients.map((r) => r.trim().toLowerCase()))] : null;
    if (named && named.length === 0) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Name at least one recipient, or none (null) for the report address.', {
        fields: ['recipients'],
      });
    }
    if (named && named.length > MAX_RECIPIENTS) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `At most ${MAX_RECIPIENTS} recipients per kind.`, { fields: ['recipients'] });
    }
    const recipients = named ? JSON.stringify(named) : null;
    const attempt = async () =>
      await this.deps.dataSource.transaction(async (manager) => {
        const clientId = await actingClient(manager, this.scope, input.clientId);
        const repo = new ReportChannelRepository(manager, this.scope);
        const now = this.deps.clock.now();
        const existing = (await repo.forKind(clientId, input.kind, true)).find((c) => c.kind === input.kind);
        if (existing) {
          Object.assign(existing, { email: input.email, webhook: input.webhook, recipients, updatedAt: now });
          await repo.save(existing);
          return existing;
        }
        const row: ReportChannelChoiceEntity = {
          id: newId(),
          clientId,
          kind: input.kind,
          email: input.email,
          webhook: input.webhook,
          recipients,
          createdAt: now,
          updatedAt: now,
        };
        await repo.insert(row);
        return row;
      });
    // Two first choices for one kind racing: the unique index lets one insert; the other updates it.
    return await attempt().catch(async (error: unknown) => {
      if (isDuplicateKey(error)) return await attempt();
      throw error;
    });
  }
}
