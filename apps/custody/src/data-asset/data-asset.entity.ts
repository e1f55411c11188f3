import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, PrimaryIdColumn, TextColumn, Audited } from '@azukari/db';

export type DataAssetForm = 'ELECTRONIC' | 'PAPER' | 'MEDIA';
export type DataAssetStatus = 'HELD' | 'RETURNED' | 'DISPOSED';

/**
 * One collection of entrusted personal information that the operator holds for a client under a
 * contract: a personal information database (Art 1(1)), documents or media (Art 2.1). Disposal
 * (Art 9) must later reach every one of them, so each is registered on receipt.
 */
@Entity({ name: 'data_asset' })
@Audited('DataAsset', { client: 'clientId' })
@Index('IDX_data_asset_client', ['clientId', 'id'])
@Index('IDX_data_asset_contract', ['contractId', 'id'])
@Index('IDX_data_asset_contract_status', ['contractId', 'status', 'id'])
export class DataAssetEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  contractId!: string;

  /** The contract's client, as contracts answered at registration; never taken from a caller. */
  @IdColumn()
  clientId!: string;

  /** utf8mb4_bin: names that differ only in kana variants stay apart. */
  @TextColumn(200)
  name!: string;

  @TextColumn(10)
  form!: DataAssetForm;

  /** Where it is kept: a system and database, a cabinet, a safe. */
  @TextColumn(300)
  location!: string;

  @Column({ type: 'int' })
  recordCount!: number;

  @TextColumn(10)
  status!: DataAssetStatus;

  @InstantColumn()
  receivedAt!: Date;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
