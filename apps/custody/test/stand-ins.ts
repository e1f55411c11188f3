/**
 * Stand-ins for the routes custody calls, built from their definitions with @azukari/testing's
 * `standIn`: they verify the credential as the owner would, refuse other callers, and answer as
 * the real route answers from what the test put in their maps.
 */
import { DomainError, ErrorCode } from '@azukari/common';
import { CheckCustodian, LookupContracts, type ContractFact } from '@azukari/routes';
import { implement, standIn, type StandIn } from '@azukari/testing';

export type { ContractFact, StandIn };

/** contracts' LookupContracts: answered within the caller's tenant scope. */
export const contractsStandIn = async (contracts: Map<string, ContractFact>): Promise<StandIn> =>
  await standIn('contracts', [
    implement(LookupContracts, async ({ ids }, { caller }) => ({
      contracts: ids
        .map((id) => contracts.get(id))
        .filter((c): c is ContractFact => c !== undefined)
        .filter((c) => caller?.kind !== 'partner' || c.clientId === caller.clientId),
    })),
  ]);

export type EmployeeState = 'ACTIVE' | 'OFFBOARDED' | 'BROKEN';

/** personnel's CheckCustodian: may this employee hold the asset? It records nothing. */
export const personnelStandIn = async (employees: Map<string, EmployeeState>): Promise<StandIn> =>
  await standIn('personnel', [
    implement(CheckCustodian, async ({ employeeId }) => {
      const state = employees.get(employeeId);
      if (!state) throw new DomainError(ErrorCode.NOT_FOUND, `No employee ${employeeId}.`);
      if (state === 'OFFBOARDED')
        throw new DomainError(ErrorCode.BAD_USER_INPUT, `Employee ${employeeId} has left and cannot keep assets.`);
      if (state === 'BROKEN') throw new Error('personnel is failing');
      return { employee: { id: employeeId, name: 'Sato Hanako', status: 'ACTIVE' as const } };
    }),
  ]);
