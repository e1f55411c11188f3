/**
 * The decision API (Art 2.1, 2.2, 3, 4, 6.1): may this contract do ACTION for PURPOSE, now? For
 * staff and partners (`contractDecision`), and for custody, personnel and incidents on the internal
 * route DecideContractAction, answered within the carried caller's scope.
 */
import { scopeOf } from '@azukari/db';
import { DecideContractAction } from '@azukari/routes';
import { defineFeature, implement } from '@azukari/service-kit';
import type { ContractsDeps } from '../deps';
import { ContractDecisionResolver } from './contract-decision.resolver';
import { ContractDecisionService } from './contract-decision.service';

export const contractDecisionFeature = defineFeature<ContractsDeps>({
  name: 'contract-decision',
  resolvers: [ContractDecisionResolver],
  routes: (deps) => [
    implement(DecideContractAction, async (request, { caller }) => ({
      decision: await new ContractDecisionService(deps, scopeOf(caller)).decide(request),
    })),
  ],
});
