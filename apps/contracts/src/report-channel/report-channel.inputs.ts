import { ArrayMaxSize, IsBoolean, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { EmailScalar } from '@azukari/service-kit';
import { Field, ID, InputType } from 'type-graphql';
import { REPORT_KIND } from '@azukari/jobs';

/** A kind of report, or `*`. */
const KIND_OR_ALL = new RegExp(`^\\*$|${REPORT_KIND.source}`);

@InputType()
export class SetReportChannelsInput {
  @Field(() => ID, { nullable: true, description: "Staff name the client; a partner's choice is always its own client's." })
  @IsOptional()
  @IsUUID()
  clientId?: string | null;

  @Field({ description: 'A kind of report (e.g. incident.reported), or `*` for every kind not named.' })
  @Matches(KIND_OR_ALL)
  @MaxLength(100)
  kind!: string;

  @Field()
  @IsBoolean()
  email!: boolean;

  @Field()
  @IsBoolean()
  webhook!: boolean;

  @Field(() => [EmailScalar], {
    nullable: true,
    description:
      "Who receives it by email, each an email (and answer link) of its own, at most 20; omitted or null: the client's report address.",
  })
  @IsOptional()
  @ArrayMaxSize(20)
  recipients?: string[] | null;
}
