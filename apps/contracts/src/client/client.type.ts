import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, EmailScalar } from '@azukari/service-kit';
import type { ClientEntity } from './client.entity';

export enum ReportLanguage {
  JA = 'ja',
  EN = 'en',
}
registerEnumType(ReportLanguage, { name: 'ReportLanguage', description: 'The language of report emails.' });

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

  @Field(() => ReportLanguage, { description: 'The language its report emails are written in.' })
  language!: ReportLanguage;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

export const toClient = (row: ClientEntity): Client => ({
  id: row.id,
  name: row.name,
  address: row.address,
  reportEmail: row.reportEmail,
  language: row.language as ReportLanguage,
  createdAt: row.createdAt,
});
