/**
 * Custodianships (asset -> employee): personnel alone defines DataAsset.custodian. custody asks
 * CheckCustodian before it commits an asset, and personnel records the custodianship from
 * custody's CustodianAssigned event, so a commit that fails in custody leaves nothing here.
 */
import { scopeOf } from '@azukari/db';
import { CustodianAssigned, handle } from '@azukari/jobs';
import { CheckCustodian } from '@azukari/routes';
import { defineFeature, implement, type Feature } from '@azukari/service-kit';
import type { PersonnelDeps } from '../deps';
import { CustodianshipEntity } from './custodianship.entity';
import { custodianshipLoaders, type CustodianshipLoaders } from './custodianship.loaders';
import { CustodianshipService } from './custodianship.service';
import { DataAsset, DataAssetCustodianResolver } from '../federated/data-asset';

export const custodianshipFeature: Feature<PersonnelDeps, CustodianshipLoaders> = defineFeature({
  name: 'custodianship',
  entities: [CustodianshipEntity],
  resolvers: [DataAssetCustodianResolver],
  // custody's DataAsset is reached from no root field here: personnel only extends it.
  orphanedTypes: [DataAsset],
  loaders: custodianshipLoaders,
  routes: (deps) => [
    implement(CheckCustodian, async (request, { caller }) => {
      const employee = await new CustodianshipService(deps, scopeOf(caller)).check(request, caller);
      return { employee: { id: employee.id, name: employee.name, status: employee.status } };
    }),
  ],
  consumers: (deps) => [
    handle(CustodianAssigned, async (assigned, job) => {
      const recorded = await new CustodianshipService(deps, scopeOf(null)).record(assigned, job.jobId);
      job.log.info({ assetId: assigned.assetId, recorded }, 'custodianship recorded');
    }),
  ],
});
