import { ArrayMaxSize, IsBoolean, IsInt, IsOptional, IsUrl, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { REPORT_KIND } from '@azukari/jobs';

const URL_RULE = { protocols: ['https', 'http'], require_tld: false, require_protocol: true };

@InputType()
export class CreateWebhookEndpointInput {
  @Field(() => ID, { nullable: true, description: "Staff name the client; a partner's endpoint is always its own client's." })
  @IsOptional()
  @IsUUID()
  clientId?: string | null;

  @Field({ description: 'https URL that receives signed reports; http only for localhost.' })
  @IsUrl(URL_RULE)
  @MaxLength(2000)
  url!: string;

  @Field(() => [String], {
    nullable: true,
    description: 'The kinds of report it receives (e.g. incident.reported); omitted or null: every kind.',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(REPORT_KIND, { each: true })
  @MaxLength(100, { each: true })
  kinds?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Defaults to true.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean | null;
}

@InputType({ description: 'What to change; a field left out stays as it is.' })
export class UpdateWebhookEndpointInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl(URL_RULE)
  @MaxLength(2000)
  url?: string | null;

  @Field(() => [String], { nullable: true, description: 'null: every kind.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(REPORT_KIND, { each: true })
  @MaxLength(100, { each: true })
  kinds?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Re-enabling an endpoint the system disabled clears its reason.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean | null;
}

@InputType()
export class RotateWebhookSecretInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Minutes during which the previous secret still signs beside the new one (0 to 10080; default 1440, a day).',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_080)
  overlapMinutes?: number | null;
}
