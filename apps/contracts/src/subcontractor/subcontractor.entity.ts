import { Entity } from 'typeorm';
import { Audited, InstantColumn, PrimaryIdColumn, TextColumn } from '@azukari/db';

/**
 * A re-entrusted party (Art 6) in the operator's register: a company, with the name and address the
 * 6.1 notice must give. Operator data: a client sees one only where it was proposed for its contracts.
 */
@Entity({ name: 'subcontractor' })
@Audited('Subcontractor', { client: null })
export class SubcontractorEntity {
  @PrimaryIdColumn()
  id!: string;

  @TextColumn(300)
  name!: string;

  @TextColumn(500)
  address!: string;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
