import { Field, InputType } from 'type-graphql';
import { IsEmail, IsOptional, IsUrl, Length, MaxLength } from 'class-validator';
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

  @Field(() => String, { nullable: true, description: 'https URL that receives signed reports; http only for localhost.' })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_tld: false, require_protocol: true })
  @MaxLength(2000)
  webhookUrl?: string | null;
}
