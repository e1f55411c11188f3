import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, LocalDateScalar } from '@azukari/service-kit';
import type { ContractEntity, ContractStatus as Status } from './contract.entity';

export enum ContractStatus {
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}
registerEnumType(ContractStatus, { name: 'ContractStatus' });

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A contract with one client, and the service purposes it permits.' })
export class Contract {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  clientId!: string;

  @Field()
  title!: string;

  @Field(() => [String], { description: 'The purposes of the service (Art 2.1, Art 4).' })
  purposes!: string[];

  @Field(() => LocalDateScalar, { description: 'Date of execution, in Japan; the annual report (Art 13.1) counts from it.' })
  executedOn!: string;

  @Field(() => LocalDateScalar)
  startsOn!: string;

  @Field(() => LocalDateScalar, { nullable: true })
  endsOn!: string | null;

  @Field(() => ContractStatus)
  status!: Status;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

export const toContract = (row: ContractEntity): Contract => ({
  id: row.id,
  clientId: row.clientId,
  title: row.title,
  purposes: row.purposes,
  executedOn: row.executedOn,
  startsOn: row.startsOn,
  endsOn: row.endsOn,
  status: row.status,
  createdAt: row.createdAt,
});
