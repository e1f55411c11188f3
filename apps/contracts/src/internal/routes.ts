/**
 * Internal routes, outside the supergraph: what other services ask contracts, the owner of these
 * facts. Each route names the services that may call it.
 */

import { z } from 'zod';
import { DomainError, ErrorCode } from '@azukari/common';
import { scopeOf } from '@azukari/db';
import { internalHandler, requireIssuer, type InternalRouter } from '@azukari/service-kit';
import type { ContractsDeps } from '../deps';
import { ContractRepository } from '../contract/contract.repository';
import { ApiTokenService } from '../api-token/api-token.service';
import { ClientReportService } from '../client-report/client-report.service';

const parse = <T extends z.ZodTypeAny>(schema: T, body: unknown): z.infer<T> => {
  const result = schema.safeParse(body);
  if (!result.success) throw new DomainError(ErrorCode.BAD_USER_INPUT, result.error.issues.map((i) => i.message).join('; '));
  return result.data;
};

export const contractsInternalRoutes = (deps: ContractsDeps) => (router: InternalRouter) => {
  const tokens = new ApiTokenService(deps);
  const reports = new ClientReportService(deps);

  router.post(
    '/tokens/verify',
    internalHandler(deps.log, async (req, res) => {
      requireIssuer(res, ['gateway']);
      const { token } = parse(z.object({ token: z.string().max(200) }), req.body);
      const verified = await tokens.verify(token);
      return { principal: verified?.principal ?? null, expiresAt: verified?.expiresAt?.toISOString() ?? null };
    }),
  );

  /** Which client owns these contracts? Answered within the caller's tenant scope. */
  router.post(
    '/contracts/lookup',
    internalHandler(deps.log, async (req, res) => {
      const credential = requireIssuer(res, ['custody', 'incidents', 'personnel']);
      const { ids } = parse(z.object({ ids: z.array(z.uuid()).min(1).max(500) }), req.body);
      const rows = await new ContractRepository(deps.dataSource.manager, scopeOf(credential.caller)).findByIds(ids);
      return { contracts: rows.map((c) => ({ id: c.id, clientId: c.clientId, status: c.status })) };
    }),
  );

  router.post(
    '/deliveries/webhook',
    internalHandler(deps.log, async (req, res) => {
      requireIssuer(res, ['worker']);
      const { reportId } = parse(z.object({ reportId: z.uuid() }), req.body);
      return await reports.webhookDelivery(reportId);
    }),
  );
};
