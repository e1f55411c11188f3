import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { connectionOf, decodeCursor, toPage } from '@azukari/service-kit';
import type { ContractsContext } from '../context';
import { Contract } from '../contract/contract.type';
import {
  ContractConsentsArgs,
  GrantWrittenConsentInput,
  RecordWrittenConsentInput,
  RevokeWrittenConsentInput,
  WrittenConsentsArgs,
} from './written-consent.inputs';
import { WrittenConsentRepository } from './written-consent.repository';
import { GRANT_CONSENTS, READ_CONSENTS, RECORD_CONSENTS, REVOKE_CONSENTS } from './written-consent.rules';
import { WrittenConsentService } from './written-consent.service';
import { consentState, toWrittenConsent, WrittenConsent } from './written-consent.type';

const WrittenConsentConnection = connectionOf('WrittenConsent', WrittenConsent);

@Resolver(() => WrittenConsent)
export class WrittenConsentResolver {
  @Authorized(READ_CONSENTS)
  @Query(() => WrittenConsentConnection, {
    description: "Written consents, filtered by contract, kind and state; a partner sees its own client's.",
  })
  async writtenConsents(@Args() args: WrittenConsentsArgs, @Ctx() ctx: ContractsContext) {
    const now = ctx.deps.clock.now();
    const rows = await new WrittenConsentRepository(ctx.deps.dataSource.manager, ctx.scope).page(
      { contractId: args.contractId, kind: args.kind, state: args.state },
      now,
      args.after ? decodeCursor(args.after) : null,
      args.first + 1,
    );
    return toPage(rows, args, (row) => toWrittenConsent(row, now, ctx.principal));
  }

  @Authorized(READ_CONSENTS)
  @Query(() => WrittenConsent, { nullable: true, description: 'A written consent, or null where there is none the caller may see.' })
  async writtenConsent(@Arg('id', () => ID) id: string, @Ctx() ctx: ContractsContext): Promise<WrittenConsent | null> {
    const row = await new WrittenConsentRepository(ctx.deps.dataSource.manager, ctx.scope).findById(id);
    return row ? toWrittenConsent(row, ctx.deps.clock.now(), ctx.principal) : null;
  }

  @Authorized(RECORD_CONSENTS)
  @Mutation(() => WrittenConsent, { description: 'Records a written consent the client signed on paper (staff).' })
  async recordWrittenConsent(@Arg('input') input: RecordWrittenConsentInput, @Ctx() ctx: ContractsContext): Promise<WrittenConsent> {
    const row = await new WrittenConsentService(ctx.deps, ctx.scope).record(input, ctx);
    return toWrittenConsent(row, ctx.deps.clock.now(), ctx.principal);
  }

  @Authorized(GRANT_CONSENTS)
  @Mutation(() => WrittenConsent, {
    description: 'The client grants a written consent for one of its own contracts (consents:write): granted now; the grant is the record.',
  })
  async grantWrittenConsent(@Arg('input') input: GrantWrittenConsentInput, @Ctx() ctx: ContractsContext): Promise<WrittenConsent> {
    const row = await new WrittenConsentService(ctx.deps, ctx.scope).grant(input, ctx);
    return toWrittenConsent(row, ctx.deps.clock.now(), ctx.principal);
  }

  @Authorized(REVOKE_CONSENTS)
  @Mutation(() => WrittenConsent, {
    description:
      'Revokes a written consent: decisions refuse from now on, and the client is told (consent.revoked). CONFLICT if revoked already.',
  })
  async revokeWrittenConsent(@Arg('input') input: RevokeWrittenConsentInput, @Ctx() ctx: ContractsContext): Promise<WrittenConsent> {
    const row = await new WrittenConsentService(ctx.deps, ctx.scope).revoke(input, ctx);
    return toWrittenConsent(row, ctx.deps.clock.now(), ctx.principal);
  }
}

@Resolver(() => Contract)
export class ContractWrittenConsentsResolver {
  @Authorized(READ_CONSENTS)
  @FieldResolver(() => [WrittenConsent], { description: 'Its written consents, oldest first, by kind and state if given.' })
  async writtenConsents(
    @Root() contract: Contract,
    @Args() args: ContractConsentsArgs,
    @Ctx() ctx: ContractsContext,
  ): Promise<WrittenConsent[]> {
    const now = ctx.deps.clock.now();
    return (await ctx.loaders.consentsOfContract.load(contract.id))
      .filter((row) => (!args.kind || row.kind === args.kind) && (!args.state || consentState(row, now) === args.state))
      .map((row) => toWrittenConsent(row, now, ctx.principal));
  }
}
