import { Args, Arg, Ctx, Field, Mutation, ObjectType, Query, Resolver, Authorized } from 'type-graphql';
import { connectionOf, decodeCursor, PageArgs, toPage } from '@azukari/service-kit';
import type { ContractsContext } from '../context';
import { Client, toClient } from './client.type';
import { CreateClientInput, UpdateClientReportingInput } from './client.inputs';
import { MANAGE_DELIVERY } from '../webhook-endpoint/webhook-endpoint.rules';
import { ClientRepository } from './client.repository';
import { ClientService } from './client.service';
import { READ_CONTRACTS, WRITE_CONTRACTS } from '../contract/contract.rules';

const ClientConnection = connectionOf('Client', Client);

@ObjectType()
export class CreateClientPayload {
  @Field(() => Client)
  client!: Client;

  @Field(() => String, {
    nullable: true,
    description: 'The signing secret (whsec_...) of the first webhook endpoint, shown this once; null without a webhookUrl.',
  })
  webhookSecret!: string | null;
}

@Resolver(() => Client)
export class ClientResolver {
  @Authorized(READ_CONTRACTS)
  @Query(() => ClientConnection, { description: 'Clients; a partner sees its own.' })
  async clients(@Args() page: PageArgs, @Ctx() ctx: ContractsContext) {
    const rows = await new ClientRepository(ctx.deps.dataSource.manager, ctx.scope).page(
      page.after ? decodeCursor(page.after) : null,
      page.first + 1,
    );
    return toPage(rows, page, toClient);
  }

  @Authorized(WRITE_CONTRACTS)
  @Mutation(() => CreateClientPayload)
  async createClient(@Arg('input') input: CreateClientInput, @Ctx() ctx: ContractsContext): Promise<CreateClientPayload> {
    const { client, webhookSecret } = await new ClientService(ctx.deps, ctx.scope).create(input);
    return { client: toClient(client), webhookSecret };
  }

  @Authorized(MANAGE_DELIVERY)
  @Mutation(() => Client, { description: 'Changes where and in which language reports are emailed.' })
  async updateClientReporting(@Arg('input') input: UpdateClientReportingInput, @Ctx() ctx: ContractsContext): Promise<Client> {
    return toClient(await new ClientService(ctx.deps, ctx.scope).updateReporting(input));
  }
}
