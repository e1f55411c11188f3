/**
 * Contracts: one client, its permitted purposes (every version kept), executed on, start and end, and
 * its life (DRAFT, ACTIVE, ENDED, TERMINATED). Other services ask
 * which client owns a contract on LookupContracts, answered within the carried caller's scope.
 */
import { scopeOf } from '@azukari/db';
import { LookupContracts } from '@azukari/routes';
import { defineFeature, implement, type Feature } from '@azukari/service-kit';
import type { ContractsDeps } from '../deps';
import { ContractEntity } from './contract.entity';
import { ContractPurposeVersionEntity } from './contract-purpose-version.entity';
import { contractReferences } from './contract.reference';
import { contractLoaders, type ContractLoaders } from './contract.loaders';
import { ContractRepository } from './contract.repository';
import { ContractResolver } from './contract.resolver';

export const contractFeature: Feature<ContractsDeps, ContractLoaders> = defineFeature({
  name: 'contract',
  entities: [ContractEntity, ContractPurposeVersionEntity],
  resolvers: [ContractResolver],
  references: contractReferences,
  loaders: contractLoaders,
  routes: (deps) => [
    implement(LookupContracts, async ({ ids }, { caller }) => {
      const rows = await new ContractRepository(deps.dataSource.manager, scopeOf(caller)).findByIds(ids);
      return { contracts: rows.map((c) => ({ id: c.id, clientId: c.clientId, status: c.status })) };
    }),
  ],
});
