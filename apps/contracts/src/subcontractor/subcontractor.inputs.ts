import { Field, InputType } from 'type-graphql';
import { IsOptional, Length } from 'class-validator';

@InputType()
export class CreateSubcontractorInput {
  @Field({ description: 'The company name, as the 6.1 notice gives it (1 to 300 characters).' })
  @Length(1, 300)
  name!: string;

  @Field({ description: 'Its address, as the 6.1 notice gives it (1 to 500 characters).' })
  @Length(1, 500)
  address!: string;
}

@InputType({ description: 'What to change; a field left out stays as it is.' })
export class UpdateSubcontractorInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 500)
  address?: string | null;
}
