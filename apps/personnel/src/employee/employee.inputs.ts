import { Field, InputType } from 'type-graphql';
import { IsEmail, IsEnum, Length, MaxLength } from 'class-validator';
import { EmailScalar } from '@azukari/service-kit';
import { EmployeeKind } from './employee.type';

@InputType()
export class RegisterEmployeeInput {
  @Field({ description: '1 to 200 characters, as the person writes it (e.g. 橋本 花子).' })
  @Length(1, 200)
  name!: string;

  @Field(() => EmailScalar, { description: 'Compared case-insensitively: one employee per address.' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @Field(() => EmployeeKind)
  @IsEnum(EmployeeKind)
  kind!: EmployeeKind;
}
