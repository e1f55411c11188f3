/** The register of subcontractors: staff enter and correct each one's name and address. */
import { DomainError, ErrorCode, cleanText, newId } from '@azukari/common';
import type { TenantScope } from '@azukari/db';
import type { ContractsDeps } from '../deps';
import { SubcontractorEntity } from './subcontractor.entity';
import type { CreateSubcontractorInput, UpdateSubcontractorInput } from './subcontractor.inputs';
import { SubcontractorRepository } from './subcontractor.repository';

export class SubcontractorService {
  constructor(
    private readonly deps: ContractsDeps,
    private readonly scope: TenantScope,
  ) {}

  async create(input: CreateSubcontractorInput): Promise<SubcontractorEntity> {
    const name = cleanText('name', input.name, 300);
    const address = cleanText('address', input.address, 500);
    return await this.deps.dataSource.transaction(async (manager) => {
      const now = this.deps.clock.now();
      const row: SubcontractorEntity = { id: newId(), name, address, createdAt: now, updatedAt: now };
      await new SubcontractorRepository(manager, this.scope).insert(row);
      return row;
    });
  }

  async update(id: string, input: UpdateSubcontractorInput): Promise<SubcontractorEntity> {
    const name = input.name != null ? cleanText('name', input.name, 300) : null;
    const address = input.address != null ? cleanText('address', input.address, 500) : null;
    return await this.deps.dataSource.transaction(async (manager) => {
      const repo = new SubcontractorRepository(manager, this.scope);
      const row = await repo.lockById(id);
      if (!row) throw new DomainError(ErrorCode.NOT_FOUND, `No subcontractor ${id}.`);
      if (name) row.name = name;
      if (address) row.address = address;
      row.updatedAt = this.deps.clock.now();
      await repo.save(row);
      return row;
    });
  }
}
