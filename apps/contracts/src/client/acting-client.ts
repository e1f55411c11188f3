/** The client a caller acts for: a partner's own, always; the one staff name, which must exist. */
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@azukari/common';
import type { TenantScope } from '@azukari/db';
import { ClientRepository } from './client.repository';

export const actingClient = async (manager: EntityManager, scope: TenantScope, clientId: string | null | undefined): Promise<string> => {
  const id = scope.kind === 'client' ? scope.clientId : clientId;
  if (!id) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'clientId is required.');
  // Another client's id reads as a missing one: a partner learns nothing of other clients.
  if (scope.kind === 'client' && clientId && clientId !== id) throw new DomainError(ErrorCode.NOT_FOUND, `No client ${clientId}.`);
  if (!(await new ClientRepository(manager, scope).findById(id))) throw new DomainError(ErrorCode.NOT_FOUND, `No client ${id}.`);
  return id;
};
