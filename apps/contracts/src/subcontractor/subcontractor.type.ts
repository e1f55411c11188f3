import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '@azukari/service-kit';
import type { SubcontractorEntity } from './subcontractor.entity';

@ObjectType({ description: 'A re-entrusted party (Art 6): a company the operator may pass part of its handling on to.' })
export class Subcontractor {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  address!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export const toSubcontractor = (row: SubcontractorEntity): Subcontractor => ({
  id: row.id,
  name: row.name,
  address: row.address,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
