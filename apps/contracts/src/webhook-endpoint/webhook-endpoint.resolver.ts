import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { connectionOf, decodeCursor, PageArgs, toPage } from '@azukari/service-kit';
import type { ContractsContext } from '../context';
import { CreateWebhookEndpointInput, RotateWebhookSecretInput, UpdateWebhookEndpointInput } from './webhook-endpoint.inputs';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';
import { MANAGE_DELIVERY, READ_DELIVERY } from './webhook-endpoint.rules';
import { WebhookEndpointService } from './webhook-endpoint.service';
import { toWebhookEndpoint, WebhookEndpoint, WebhookEndpointWithSecret } from './webhook-endpoint.type';

const WebhookEndpointConnection = connectionOf('WebhookEndpoint', WebhookEndpoint);

@ArgsType()
class WebhookEndpointsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  clientId?: string | null;
}

@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  @Authorized(READ_DELIVERY)
  @Query(() => WebhookEndpointConnection, { description: "Clients' webhook endpoints; a partner sees its own." })
  async webhookEndpoints(@Args() args: WebhookEndpointsArgs, @Ctx() ctx: ContractsContext) {
    const rows = await new WebhookEndpointRepository(ctx.deps.dataSource.manager, ctx.scope).page(
      args.clientId ?? null,
      args.after ? decodeCursor(args.after) : null,
      args.first + 1,
    );
    const now = ctx.deps.clock.now();
    return toPage(rows, args, (row) => toWebhookEndpoint(row, now));
  }

  @Authorized(MANAGE_DELIVERY)
  @Mutation(() => WebhookEndpointWithSecret, { description: 'Adds an endpoint; its signing secret is in the answer, once.' })
  async createWebhookEndpoint(
    @Arg('input') input: CreateWebhookEndpointInput,
    @Ctx() ctx: ContractsContext,
  ): Promise<WebhookEndpointWithSecret> {
    const { row, secret } = await new WebhookEndpointService(ctx.deps, ctx.scope).create(input);
    return { endpoint: toWebhookEndpoint(row, ctx.deps.clock.now()), secret };
  }

  @Authorized(MANAGE_DELIVERY)
  @Mutation(() => WebhookEndpoint, { description: 'Changes its URL, its kinds of report, or enables and disables it.' })
  async updateWebhookEndpoint(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateWebhookEndpointInput,
    @Ctx() ctx: ContractsContext,
  ): Promise<WebhookEndpoint> {
    return toWebhookEndpoint(await new WebhookEndpointService(ctx.deps, ctx.scope).update(id, input), ctx.deps.clock.now());
  }

  @Authorized(MANAGE_DELIVERY)
  @Mutation(() => WebhookEndpointWithSecret, {
    description: 'A new signing secret, shown once; the previous one keeps signing beside it until the overlap ends.',
  })
  async rotateWebhookEndpointSecret(
    @Arg('input') input: RotateWebhookSecretInput,
    @Ctx() ctx: ContractsContext,
  ): Promise<WebhookEndpointWithSecret> {
    const { row, secret } = await new WebhookEndpointService(ctx.deps, ctx.scope).rotateSecret(input);
    return { endpoint: toWebhookEndpoint(row, ctx.deps.clock.now()), secret };
  }

  @Authorized(MANAGE_DELIVERY)
  @Mutation(() => WebhookEndpoint, { description: 'Removes an endpoint; deliveries still waiting for it fail and are set aside.' })
  async deleteWebhookEndpoint(@Arg('id', () => ID) id: string, @Ctx() ctx: ContractsContext): Promise<WebhookEndpoint> {
    return toWebhookEndpoint(await new WebhookEndpointService(ctx.deps, ctx.scope).remove(id), ctx.deps.clock.now());
  }
}
