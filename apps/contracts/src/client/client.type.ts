import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar, EmailScalar } from '@azukari/service-kit';
import type { ClientEntity } from './client.entity';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A client: the company that entrusts personal information (the regulations\' "User").' })
export class Client {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  address!: string;

  @Field(() => EmailScalar, { description: 'Where reports to the client are emailed.' })
  reportEmail!: string;

  @Field(() => String, { nullable: true, description: 'Where reports are delivered, signed as Standard Webhooks specifies.' })
  webhookUrl!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

export const toClient = (row: ClientEntity): Client => ({
  id: row.id,
  name: row.name,
  address: row.address,
  reportEmail: row.reportEmail,
  webhookUrl: row.webhookUrl,
  createdAt: row.createdAt,
});
