/**
 * The rules of data assets (Art 1(1), 2.1): an asset is registered under a contract the caller
 * may see and that is ACTIVE (not a draft, not ended or terminated); its client is the contract's, as contracts answers; only staff
 * name a custodian, and personnel, which owns custodianships, decides first whether that employee
 * may be one (CheckCustodian). The asset and a CustodianAssigned event then commit together, and
 * personnel records the custodianship from the event: a refusal or a failed commit leaves nothing
 * behind in either service.
 */
import { DomainError, ErrorCode, cleanText, isPartner, newId, type Principal } from '@azukari/common';
import type { TenantScope } from '@azukari/db';
import { CustodianAssigned } from '@azukari/jobs';
import { CheckCustodian, LookupContracts } from '@azukari/routes';
import type { CustodyDeps } from '../deps';
import { DataAssetEntity } from './data-asset.entity';
import { DataAssetRepository } from './data-asset.repository';
import type { RegisterAssetInput } from './data-asset.inputs';

export class DataAssetService {
  constructor(
    private readonly deps: CustodyDeps,
    private readonly scope: TenantScope,
  ) {}

  async register(input: RegisterAssetInput, caller: Principal, trace: string): Promise<DataAssetEntity> {
    if (input.custodianId && isPartner(caller)) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'Only operator staff may name a custodian. Register the asset without custodianId.');
    }
    const name = cleanText('name', input.name, 200);
    const location = cleanText('location', input.location, 300);
    const now = this.deps.clock.now();
    if (input.receivedAt.getTime() > now.getTime()) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'receivedAt must not be in the future. Give the time the asset was received.');
    }

    const { contracts } = await this.deps.services.call(LookupContracts, { ids: [input.contractId] }, caller, trace);
    const contract = contracts.find((c) => c.id === input.contractId);
    // Contracts answers within the caller's scope; comparing the client as well means that even a
    // wrong answer cannot make a partner write a row of another client.
    if (!contract || (isPartner(caller) && contract.clientId !== caller.clientId)) {
      throw new DomainError(ErrorCode.NOT_FOUND, `No contract ${input.contractId}.`);
    }
    if (contract.status !== 'ACTIVE') {
      const state =
        contract.status === 'DRAFT' ? 'is a draft, not yet in force,' : contract.status === 'ENDED' ? 'has ended' : 'was terminated';
      throw new DomainError(
        ErrorCode.BAD_USER_INPUT,
        `Contract ${contract.id} ${state} and takes no new assets. Register the asset under a contract that is active.`,
      );
    }

    const id = newId();
    if (input.custodianId) {
      // Personnel's refusal (NOT_FOUND, FORBIDDEN, BAD_USER_INPUT) reaches the caller unchanged.
      await this.deps.services.call(
        CheckCustodian,
        { employeeId: input.custodianId, assetId: id, clientId: contract.clientId },
        caller,
        trace,
      );
    }
    return await this.deps.dataSource.transaction(async (manager) => {
      const row: DataAssetEntity = {
        id,
        contractId: contract.id,
        clientId: contract.clientId,
        name,
        form: input.form,
        location,
        recordCount: input.recordCount,
        status: 'HELD',
        receivedAt: input.receivedAt,
        createdAt: now,
        updatedAt: now,
      };
      await new DataAssetRepository(manager, this.scope).insert(row);
      if (input.custodianId) {
        await this.deps.outbox.add(
          manager,
          CustodianAssigned,
          { assetId: row.id, employeeId: input.custodianId, contractId: row.contractId, clientId: row.clientId, at: now.toISOString() },
          trace,
        );
      }
      return row;
    });
  }
}
