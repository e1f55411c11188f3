import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { connectionOf, decodeCursor, toPage } from '@azukari/service-kit';
import type { ContractsContext } from '../context';
import { Client, toClient } from '../client/client.type';
import { Contract, toContract } from './contract.type';
import { ContractsArgs, CreateContractInput } from './contract.inputs';
import { ContractRepository } from './contract.repository';
import { ContractService } from './contract.service';

const ContractConnection = connectionOf('Contract', Contract);
import { READ_CONTRACTS, WRITE_CONTRACTS } from './contract.rules';

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
  @Mutation(() => Contract)
  async createContract(@Arg('input') input: CreateContractInput, @Ctx() ctx: ContractsContext): Promise<Contract> {
    return toContract(await new ContractService(ctx.deps, ctx.scope).create(input));
  }

  @Authorized(READ_CONTRACTS)
  @FieldResolver(() => Client)
  async client(@Root() contract: Contract, @Ctx() ctx: ContractsContext): Promise<Client | null> {
    const row = await ctx.loaders.client.load(contract.clientId);
    return row ? toClient(row) : null;
  }
}
