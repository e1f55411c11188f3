/**
 * AZUKARI_ADMIN_TOKEN makes a new install usable at once: a staff ADMIN token with that value,
 * not linked to an employee and without expiry. When the value changes or is removed, the old
 * bootstrap token is revoked at start.
 */
import { DEV_ADMIN_TOKEN, StaffRole, displayPrefixOf, newId } from '@azukari/common';
import type { ContractsDeps } from '../deps';
import { ApiTokenRepository } from './api-token.repository';
import { hmacOf, type ApiTokenService } from './api-token.service';

export const syncBootstrapAdmin = async (deps: ContractsDeps, tokens: ApiTokenService): Promise<void> => {
  const wanted = deps.config.adminToken ? hmacOf(deps.config.tokenHmacKey, deps.config.adminToken) : null;
  const revoked: string[] = [];
  await deps.dataSource.transaction(async (manager) => {
    const repo = new ApiTokenRepository(manager);
    const now = deps.clock.now();
    let present = false;
    for (const row of await repo.liveBootstrapTokens()) {
      if (row.hmac === wanted) present = true;
      else {
        await repo.revoke(row.id, now);
        revoked.push(row.id);
      }
    }
    if (wanted && !present) {
      const existing = await repo.findByHmac(wanted);
      if (existing) {
        // A value once replaced or removed may have leaked: it stays revoked, and start-up says so.
        // The development value alone comes back, being public and refused in production anyway.
        if (existing.bootstrap && deps.config.adminToken === DEV_ADMIN_TOKEN) await repo.reinstate(existing.id);
        else
          deps.log.error(
            'AZUKARI_ADMIN_TOKEN holds a value that was revoked before (replaced or removed); it stays revoked. Set a new value.',
          );
        return;
      }
      await repo.insert({
        id: newId(),
        kind: 'STAFF',
        label: 'bootstrap admin (AZUKARI_ADMIN_TOKEN)',
        hmac: wanted,
        displayPrefix: displayPrefixOf(deps.config.adminToken as string),
        role: StaffRole.ADMIN,
        employeeId: null,
        clientId: null,
        scopes: [],
        bootstrap: true,
        createdByTokenId: null,
        createdAt: now,
        expiresAt: null,
        revokedAt: null,
      });
    }
  });
  for (const id of revoked) await tokens.announceRevocation(id);
};
