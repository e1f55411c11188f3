import { Field, ID, InputType } from 'type-graphql';
import { IsEmail, IsEnum, IsOptional, IsUrl, IsUUID, Length, MaxLength } from 'class-validator';
import { ReportLanguage } from './client.type';
import { EmailScalar } from '@azukari/service-kit';

@InputType()
export class CreateClientInput {
  @Field()
  @Length(1, 200)
  name!: string;

  @Field()
  @Length(1, 500)
  address!: string;

  @Field(() => EmailScalar)
  @IsEmail()
  @MaxLength(254)
  reportEmail!: string;

  @Field(() => ReportLanguage, { nullable: true, description: 'The language of its report emails; Japanese when omitted.' })
  @IsOptional()
  @IsEnum(ReportLanguage)
  language?: ReportLanguage | null;

  @Field(() => String, {
    nullable: true,
    description:
      'https URL of a first webhook endpoint, for every kind of report; http only for localhost. More through createWebhookEndpoint.',
  })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_tld: false, require_protocol: true })
  @MaxLength(2000)
  webhookUrl?: string | null;
}

@InputType({ description: 'Where and in which language reports are emailed; a field left out stays as it is.' })
export class UpdateClientReportingInput {
  @Field(() => ID, { nullable: true, description: "Staff name the client; a partner's is always its own." })
  @IsOptional()
  @IsUUID()
  clientId?: string | null;

  @Field(() => EmailScalar, { nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  reportEmail?: string | null;

  @Field(() => ReportLanguage, { nullable: true })
  @IsOptional()
  @IsEnum(ReportLanguage)
  language?: ReportLanguage | null;
}
