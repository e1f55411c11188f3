import { Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, PrimaryIdColumn, Audited } from '@azukari/db';

/**
 * Who holds a data asset in custody, and since when: personnel owns these facts (asset ->
 * employee) and alone answers DataAsset.custodian. The asset, its contract and its client are
 * custody's and contracts' rows; their ids are recorded as custody gave them. A row is never
 * deleted: assigning another custodian ends the current one, so the history stays.
 */
@Entity({ name: 'custodianship' })
@Audited('Custodianship', { client: 'clientId' })
@Index('IDX_custodianship_client_asset', ['clientId', 'assetId'])
@Index('IDX_custodianship_asset', ['assetId', 'id'])
// What an employee holds, per client: a partner's view of employees asks exactly this.
@Index('IDX_custodianship_employee', ['employeeId', 'clientId'])
@Index('UQ_custodianship_current_asset', ['currentAssetId'], { unique: true })
export class CustodianshipEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  assetId!: string;

  @IdColumn()
  employeeId!: string;

  @IdColumn()
  contractId!: string;

  /** The client that owns the asset: a partner sees the custodianships of its own client only. */
  @IdColumn()
  clientId!: string;

  @InstantColumn()
  since!: Date;

  /** null while current. */
  @InstantColumn({ nullable: true })
  until!: Date | null;

  /**
   * The assetId while the custodianship is current, null once it ended. Its unique index makes
   * "one current custodian per asset" a fact the database holds (NULLs do not collide), whatever
   * the isolation level and however two assignments interleave.
   */
  @IdColumn({ nullable: true })
  currentAssetId!: string | null;
}
