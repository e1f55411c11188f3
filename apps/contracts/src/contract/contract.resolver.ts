import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { connectionOf, decodeCursor, toPage } from '@azukari/service-kit';
import type { ContractsContext } from '../context';
import { Client, toClient } from '../client/client.type';
import { Contract, ContractPurposeVersion, toContract, toContractPurposeVersion } from './contract.type';
import {
  ChangeContractPurposesInput,
  ContractsArgs,
  CreateContractInput,
  EndContractInput,
  TerminateContractInput,
} from './contract.inputs';
import { ContractRepository } from './contract.repository';
import { ContractService } from './contract.service';
import { READ_CONTRACTS, WRITE_CONTRACTS } from './contract.rules';

const ContractConnection = connectionOf('Contract', Contract);

@Resolver(() => Contract)
export class ContractResolver {
  @Authorized(READ_CONTRACTS)
  @Query(() => ContractConnection, { description: 'Contracts, of one client if clientId is given; a partner sees only its own.' })
  async contracts(@Args() args: ContractsArgs, @Ctx() ctx: ContractsContext) {
    const rows = await new ContractRepository(ctx.deps.dataSource.manager, ctx.scope).page(
      args.clientId ?? null,
      args.after ? decodeCursor(args.after) : null,
      args.first + 1,
    );
    return toPage(rows, args, toContract);
  }

  @Authorized(READ_CONTRACTS)
  @Query(() => Contract, { nullable: true, description: 'A contract, or null where there is none the caller may see.' })
  async contract(@Arg('id', () => ID) id: string, @Ctx() ctx: ContractsContext): Promise<Contract | null> {
    const row = await ctx.loaders.contract.load(id);
    return row ? toContract(row) : null;
  }

  @Authorized(WRITE_CONTRACTS)
  @Mutation(() => Contract, { description: 'Enters a contract, ACTIVE (or DRAFT with draft: true), with version 1 of its purposes.' })
  async createContract(@Arg('input') input: CreateContractInput, @Ctx() ctx: ContractsContext): Promise<Contract> {
    return toContract(await new ContractService(ctx.deps, ctx.scope).create(input, ctx));
  }

  @Authorized(WRITE_CONTRACTS)
  @Mutation(() => Contract, { description: 'Puts a DRAFT contract in force (ACTIVE). CONFLICT from any other state.' })
  async activateContract(@Arg('id', () => ID) id: string, @Ctx() ctx: ContractsContext): Promise<Contract> {
    return toContract(await new ContractService(ctx.deps, ctx.scope).activate(id));
  }

  @Authorized(WRITE_CONTRACTS)
  @Mutation(() => Contract, {
    description:
      'The service of an ACTIVE contract ended on endedOn: ENDED. Publishes contract.ended and reports it to the client (Art 9.1). CONFLICT from any other state.',
  })
  async endContract(@Arg('input') input: EndContractInput, @Ctx() ctx: ContractsContext): Promise<Contract> {
    return toContract(await new ContractService(ctx.deps, ctx.scope).end(input, ctx));
  }

  @Authorized(WRITE_CONTRACTS)
  @Mutation(() => Contract, {
    description:
      'An ACTIVE contract cut short on terminatedOn, for a reason: TERMINATED. Publishes contract.ended and reports it to the client (Art 9.1). CONFLICT from any other state.',
  })
  async terminateContract(@Arg('input') input: TerminateContractInput, @Ctx() ctx: ContractsContext): Promise<Contract> {
    return toContract(await new ContractService(ctx.deps, ctx.scope).terminate(input, ctx));
  }

  @Authorized(WRITE_CONTRACTS)
  @Mutation(() => Contract, {
    description: 'Replaces the purposes of a DRAFT or ACTIVE contract as a new purpose version, kept with when, by whom and why.',
  })
  async changeContractPurposes(@Arg('input') input: ChangeContractPurposesInput, @Ctx() ctx: ContractsContext): Promise<Contract> {
    return toContract(await new ContractService(ctx.deps, ctx.scope).changePurposes(input, ctx));
  }

  @Authorized(READ_CONTRACTS)
  @FieldResolver(() => Client)
  async client(@Root() contract: Contract, @Ctx() ctx: ContractsContext): Promise<Client | null> {
    const row = await ctx.loaders.client.load(contract.clientId);
    return row ? toClient(row) : null;
  }

  @Authorized(READ_CONTRACTS)
  @FieldResolver(() => [ContractPurposeVersion], { description: 'Every version of the purposes, oldest first.' })
  async purposeVersions(@Root() contract: Contract, @Ctx() ctx: ContractsContext): Promise<ContractPurposeVersion[]> {
    return (await ctx.loaders.purposeVersions.load(contract.id)).map((row) => toContractPurposeVersion(row, ctx.principal));
  }
}
