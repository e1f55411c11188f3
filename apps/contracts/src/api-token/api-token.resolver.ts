import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Principal } from '@azukari/common';
import { connectionOf, decodeCursor, PageArgs, toPage } from '@azukari/service-kit';
import type { ContractsContext } from '../context';
import { ApiToken, CreatedApiToken, toApiToken } from './api-token.type';
import { CreateApiTokenInput } from './api-token.inputs';
import { ApiTokenRepository } from './api-token.repository';
import { ApiTokenService } from './api-token.service';
import { MANAGE_TOKENS } from './api-token.rules';

const ApiTokenConnection = connectionOf('ApiToken', ApiToken);

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  @Authorized(MANAGE_TOKENS)
  @Query(() => ApiTokenConnection)
  async apiTokens(@Args() page: PageArgs, @Ctx() ctx: ContractsContext) {
    const rows = await new ApiTokenRepository(ctx.deps.dataSource.manager).page(
      page.after ? decodeCursor(page.after) : null,
      page.first + 1,
    );
    return toPage(rows, page, toApiToken);
  }

  @Authorized(MANAGE_TOKENS)
  @Mutation(() => CreatedApiToken, { description: 'Creates a token; the token itself is in the answer, once.' })
  async createApiToken(@Arg('input') input: CreateApiTokenInput, @Ctx() ctx: ContractsContext): Promise<CreatedApiToken> {
    const { token, row } = await new ApiTokenService(ctx.deps).create(input, ctx.principal as Principal);
    return { token, apiToken: toApiToken(row) };
  }

  @Authorized(MANAGE_TOKENS)
  @Mutation(() => ApiToken, { description: 'Revokes a token; every gateway refuses it within a second.' })
  async revokeApiToken(@Arg('id', () => ID) id: string, @Ctx() ctx: ContractsContext): Promise<ApiToken> {
    return toApiToken(await new ApiTokenService(ctx.deps).revoke(id));
  }
}
