/**
 * API tokens: created by admins and shown once, stored as an HMAC, checked for the gateway,
 * revoked with a push to every gateway, and expiring. A partner token belongs to one client and
 * carries scopes; a staff token has a role and acts for an employee that personnel confirms.
 */
import { createHmac } from 'node:crypto';
import {
  DomainError,
  ErrorCode,
  cleanText,
  displayPrefixOf,
  generateApiToken,
  isScope,
  isWellFormedApiToken,
  newId,
  type Principal,
  type Scope,
  type StaffRole,
} from '@azukari/common';
import { OPERATOR_SCOPE, afterCommit } from '@azukari/db';
import { VerifyEmployee } from '@azukari/routes';
import type { ContractsDeps } from '../deps';
import { ClientRepository } from '../client/client.repository';
import { ApiTokenEntity } from './api-token.entity';
import { ApiTokenRepository } from './api-token.repository';
import { ApiTokenKind } from './api-token.type';
import type { CreateApiTokenInput } from './api-token.inputs';

const DAY_MS = 24 * 3600 * 1000;

export const hmacOf = (key: string, token: string): string => createHmac('sha256', key).update(token).digest('hex');

export const principalOf = (row: ApiTokenEntity): Principal =>
  row.kind === 'STAFF'
    ? { kind: 'staff', tokenId: row.id, role: row.role as StaffRole, employeeId: row.employeeId }
    : { kind: 'partner', tokenId: row.id, clientId: row.clientId as string, scopes: row.scopes };

export class ApiTokenService {
  constructor(private readonly deps: ContractsDeps) {}

  async create(input: CreateApiTokenInput, creator: Principal): Promise<{ token: string; row: ApiTokenEntity }> {
    const isStaffToken = input.kind === ApiTokenKind.STAFF;
    if (isStaffToken) {
      if (!input.role || !input.employeeId)
        throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A STAFF token needs a role and an employeeId.');
      if (input.clientId || input.scopes?.length)
        throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A STAFF token takes no clientId or scopes.');
      // Personnel owns employees: it says whether this one exists and is active.
      await this.deps.services.call(VerifyEmployee, { employeeId: input.employeeId }, creator);
    } else {
      if (!input.clientId || !input.scopes?.length)
        throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A PARTNER token needs a clientId and at least one scope.');
      if (input.role || input.employeeId) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A PARTNER token takes no role or employeeId.');
    }
    const label = cleanText('label', input.label, 100);
    const scopes = [...new Set(input.scopes ?? [])].filter(isScope) as Scope[];
    const token = generateApiToken();
    const now = this.deps.clock.now();
    const row = await this.deps.dataSource.transaction(async (manager) => {
      if (!isStaffToken && !(await new ClientRepository(manager, OPERATOR_SCOPE).findById(input.clientId as string))) {
        throw new DomainError(ErrorCode.NOT_FOUND, `No client ${input.clientId}.`);
      }
      const entity: ApiTokenEntity = {
        id: newId(),
        kind: input.kind,
        label,
        hmac: hmacOf(this.deps.config.tokenHmacKey, token),
        displayPrefix: displayPrefixOf(token),
        role: isStaffToken ? (input.role as StaffRole) : null,
        employeeId: isStaffToken ? (input.employeeId as string) : null,
        clientId: isStaffToken ? null : (input.clientId as string),
        scopes: isStaffToken ? [] : scopes,
        bootstrap: false,
        createdByTokenId: creator.tokenId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + (input.expiresInDays ?? this.deps.config.defaultTokenDays) * DAY_MS),
        revokedAt: null,
      };
      await new ApiTokenRepository(manager).insert(entity);
      return entity;
    });
    return { token, row };
  }

  async revoke(id: string): Promise<ApiTokenEntity> {
    const row = await this.deps.dataSource.transaction(async (manager) => {
      const repo = new ApiTokenRepository(manager);
      const found = await repo.findById(id);
      if (!found) throw new DomainError(ErrorCode.NOT_FOUND, `No API token ${id}.`);
      if (found.bootstrap) {
        throw new DomainError(
          ErrorCode.BAD_USER_INPUT,
          'The bootstrap admin token follows AZUKARI_ADMIN_TOKEN: change or remove that setting instead.',
        );
      }
      if (!found.revokedAt) {
        found.revokedAt = this.deps.clock.now();
        await repo.revoke(id, found.revokedAt);
      }
      return found;
    });
    await afterCommit(async () => await this.announceRevocation(row.id));
    return row;
  }

  /**
   * Tells every gateway to forget the token now. A publish can fail on this service's own
   * connection while the gateways still listen (and cache), so it is retried for about three
   * seconds; past that, the gateways' cache lifetime bounds how long the token is still honoured.
   */
  async announceRevocation(tokenId: string): Promise<void> {
    const message = JSON.stringify({ tokenId });
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.deps.publisher.publish(this.deps.revocationChannel, message);
        return;
      } catch (error) {
        if (attempt >= 6) {
          this.deps.log.error(
            { err: (error as Error).message, tokenId },
            'revocation not published: gateways drop the token when their cache entry expires',
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1)));
      }
    }
  }

  /** For the gateway: the principal of a live token, or null. */
  async verify(token: string): Promise<{ principal: Principal; expiresAt: Date | null } | null> {
    if (!isWellFormedApiToken(token)) return null;
    const row = await new ApiTokenRepository(this.deps.dataSource.manager).findByHmac(hmacOf(this.deps.config.tokenHmacKey, token));
    if (!row || row.revokedAt) return null;
    if (row.expiresAt && row.expiresAt.getTime() <= this.deps.clock.now().getTime()) return null;
    return { principal: principalOf(row), expiresAt: row.expiresAt };
  }
}
