import { Args, ArgsType, Authorized, Ctx, Field, ID, Query, Resolver } from 'type-graphql';
import { IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import type { ContractsContext } from '../context';
import { ContractDecisionService } from './contract-decision.service';
import { ASK_DECISION } from './contract-decision.rules';
import { ContractAction, ContractDecision, toContractDecision } from './contract-decision.type';

@ArgsType()
class ContractDecisionArgs {
  @Field(() => ID)
  @IsUUID()
  contractId!: string;

  @Field(() => ContractAction)
  @IsEnum(ContractAction)
  action!: ContractAction;

  @Field({ description: 'The purpose of the handling, 1 to 200 characters, as the contract or a consent names it.' })
  @Length(1, 200)
  purpose!: string;

  @Field(() => ID, { nullable: true, description: 'The data asset concerned, if one.' })
  @IsOptional()
  @IsUUID()
  assetId?: string | null;

  @Field(() => ID, { nullable: true, description: 'TRANSFER_TO_SUBCONTRACTOR: the subcontractor (required there, refused elsewhere).' })
  @IsOptional()
  @IsUUID()
  subcontractorId?: string | null;
}

@Resolver(() => ContractDecision)
export class ContractDecisionResolver {
  @Authorized(ASK_DECISION)
  @Query(() => ContractDecision, {
    description:
      'May this contract do ACTION for PURPOSE now? Allowed with its grounds, or refused with the most specific reason. NOT_FOUND for a contract the caller may not see.',
  })
  async contractDecision(@Args() args: ContractDecisionArgs, @Ctx() ctx: ContractsContext): Promise<ContractDecision> {
    return toContractDecision(await new ContractDecisionService(ctx.deps, ctx.scope).decide(args));
  }
}
