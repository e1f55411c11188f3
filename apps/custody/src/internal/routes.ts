/**
 * Internal routes, outside the supergraph: what other services ask custody, the owner of data
 * assets. Each route names the services that may call it.
 */

import { z } from 'zod';
import { DomainError, ErrorCode } from '@azukari/common';
import { scopeOf } from '@azukari/db';
import { internalHandler, requireIssuer, type InternalRouter } from '@azukari/service-kit';
import type { CustodyDeps } from '../deps';
import { DataAssetRepository } from '../data-asset/data-asset.repository';

const parse = <T extends z.ZodTypeAny>(schema: T, body: unknown): z.infer<T> => {
  const result = schema.safeParse(body);
  if (!result.success) throw new DomainError(ErrorCode.BAD_USER_INPUT, result.error.issues.map((i) => i.message).join('; '));
  return result.data;
};

export const custodyInternalRoutes = (deps: CustodyDeps) => (router: InternalRouter) => {
  /**
   * Which contract and client do these assets belong to, and are they still held? Answered within
   * the caller's tenant scope: a partner's request learns nothing of another client's assets.
   */
  router.post(
    '/assets/lookup',
    internalHandler(deps.log, async (req, res) => {
      const credential = requireIssuer(res, ['personnel', 'incidents']);
      const { ids } = parse(z.object({ ids: z.array(z.uuid()).min(1).max(500) }), req.body);
      const rows = await new DataAssetRepository(deps.dataSource.manager, scopeOf(credential.caller)).findByIds(ids);
      return { assets: rows.map((a) => ({ id: a.id, contractId: a.contractId, clientId: a.clientId, status: a.status })) };
    }),
  );
};
