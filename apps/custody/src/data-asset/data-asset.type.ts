import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf, DateTimeScalar } from '@azukari/service-kit';
import type { DataAssetEntity, DataAssetForm as Form, DataAssetStatus as Status } from './data-asset.entity';

export enum DataAssetForm {
  ELECTRONIC = 'ELECTRONIC',
  PAPER = 'PAPER',
  MEDIA = 'MEDIA',
}
registerEnumType(DataAssetForm, {
  name: 'DataAssetForm',
  valuesConfig: {
    ELECTRONIC: { description: 'A database or files on a computer (Art 1(1)(a)).' },
    PAPER: { description: 'Documents, ledgers, forms.' },
    MEDIA: { description: 'Removable media: discs, tapes, USB drives.' },
  },
});

export enum DataAssetStatus {
  HELD = 'HELD',
  RETURNED = 'RETURNED',
  DISPOSED = 'DISPOSED',
}
registerEnumType(DataAssetStatus, {
  name: 'DataAssetStatus',
  valuesConfig: {
    HELD: { description: "In the operator's custody." },
    RETURNED: { description: 'Returned to the client (Art 9).' },
    DISPOSED: { description: 'Disposed of (Art 9).' },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'Entrusted personal information the operator holds for a client under a contract: a personal information database, documents or media (Art 1(1), Art 2.1).',
})
export class DataAsset {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  contractId!: string;

  @Field(() => ID, { description: "The contract's client." })
  clientId!: string;

  @Field()
  name!: string;

  @Field(() => DataAssetForm)
  form!: Form;

  @Field({ description: 'Where it is kept: a system and database, a cabinet, a safe.' })
  location!: string;

  @Field(() => Int, { description: 'How many records (or documents) it holds.' })
  recordCount!: number;

  @Field(() => DataAssetStatus)
  status!: Status;

  @Field(() => DateTimeScalar, { description: 'When the operator received it from the client.' })
  receivedAt!: Date;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export const DataAssetConnection = connectionOf('DataAsset', DataAsset);

export const toDataAsset = (row: DataAssetEntity): DataAsset => ({
  id: row.id,
  contractId: row.contractId,
  clientId: row.clientId,
  name: row.name,
  form: row.form,
  location: row.location,
  recordCount: row.recordCount,
  status: row.status,
  receivedAt: row.receivedAt,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
