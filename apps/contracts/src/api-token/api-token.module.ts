/** API tokens: partners' scoped tokens and staff tokens; the gateway verifies each on VerifyToken. */
import { VerifyToken } from '@azukari/routes';
import { defineFeature, implement } from '@azukari/service-kit';
import type { ContractsDeps } from '../deps';
import { ApiTokenEntity } from './api-token.entity';
import { ApiTokenResolver } from './api-token.resolver';
import { ApiTokenService } from './api-token.service';

export const apiTokenFeature = defineFeature<ContractsDeps>({
  name: 'api-token',
  entities: [ApiTokenEntity],
  resolvers: [ApiTokenResolver],
  routes: (deps) => [
    implement(VerifyToken, async ({ token }) => {
      const verified = await new ApiTokenService(deps).verify(token);
      return { principal: verified?.principal ?? null, expiresAt: verified?.expiresAt?.toISOString() ?? null };
    }),
  ],
});
