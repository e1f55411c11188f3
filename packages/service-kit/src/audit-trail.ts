/**
 * The audit log through the API (docs/AUDIT.md): every subgraph adds a field named after itself
 * to the `AuditTrail` entity (key: the chain, a client id or 'operator'), answering from its own
 * database: whether its chain holds (the first broken link, if one does not) and its entries as
 * JSON Lines, a page at a time, for an inspection (Art 13). The gateway reaches each service's
 * part in the one service that holds it; with one service down, only its field is unavailable.
 *
 * Who may read: the operator's administrators, privacy officers and auditors, any chain; a
 * partner with `audit:read`, its own client's chain alone. The rule is checked here on every
 * field, since a reference reaches these fields without passing a root field's guard.
 */
import { Arg, Authorized, Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { DomainError, ErrorCode, isPartner, isUuid, Scope, StaffRole, type Principal, type SubgraphName } from '@azukari/common';
import { AuditEntryEntity, OPERATOR_CHAIN, verifyChain } from '@azukari/db';
import { allow } from './guards';
import { defineFeature, type Feature } from './feature';
import type { ServiceCore } from './service-core';
import type { RequestContext } from './subgraph';

export const READ_AUDIT = allow({ staff: [StaffRole.ADMIN, StaffRole.PRIVACY_OFFICER, StaffRole.AUDITOR], partner: Scope.AUDIT_READ });

/** One page is one string; not a list, so it is sized by `limit` (the cost limit multiplies lists by `first`). */
const MAX_PAGE = 1_000;

type AuditContext = RequestContext<ServiceCore, object>;

/** The chain a caller asks for, if it may read it: a partner only its own client's. */
const chainFor = (principal: Principal, clientId: string | null | undefined): string => {
  if (isPartner(principal)) {
    if (clientId && clientId !== principal.clientId) {
      throw new DomainError(ErrorCode.FORBIDDEN, "A partner reads only its own client's audit trail. Leave clientId out.");
    }
    return principal.clientId;
  }
  if (clientId == null) return OPERATOR_CHAIN;
  if (!isUuid(clientId))
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'clientId must be a client id, or left out for the operator chain.');
  return clientId;
};

const assertMayRead = (principal: Principal | null, chain: string): void => {
  if (principal && isPartner(principal) && principal.clientId !== chain) {
    throw new DomainError(ErrorCode.FORBIDDEN, "A partner reads only its own client's audit trail.");
  }
};

@Directive('@shareable')
@ObjectType({
  description:
    "Whether one service's chain holds: every entry follows the one before it and matches its hash, and the head names the last.",
})
export class AuditChainCheck {
  @Field({ description: 'True when no link is broken.' })
  intact!: boolean;

  @Field(() => Int, { description: 'Entries that hold, from the first up to the first broken link (all of them when intact).' })
  entries!: number;

  @Field(() => String, { nullable: true, description: 'The sequence number of the first entry that does not hold; null when intact.' })
  firstBrokenSeq!: string | null;

  @Field(() => String, { nullable: true, description: 'Why that entry does not hold.' })
  reason!: string | null;

  @Field({ description: 'The sequence number of the last entry, as the chain head records it.' })
  headSeq!: string;
}

@Directive('@shareable')
@ObjectType({ description: 'A page of audit entries as JSON Lines, oldest first.' })
export class AuditEntryPage {
  @Field({ description: 'One JSON object per line, each an entry with its hash and the hash before it (docs/AUDIT.md).' })
  jsonLines!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => String, { nullable: true, description: 'Pass as afterSeq for the next page.' })
  lastSeq!: string | null;

  @Field()
  hasMore!: boolean;
}

@Directive('@shareable')
@ObjectType({ description: "One service's chain of a client (or of the operator)." })
export class AuditChain {
  @Field({ description: 'The service whose database holds this chain.' })
  service!: string;

  @Field(() => ID, { description: "A client id, or 'operator'." })
  chain!: string;
}

/** One line of the export: the entry as stored, its JSON columns parsed. */
export const auditLine = (row: AuditEntryEntity): string =>
  JSON.stringify({
    service: row.service,
    chain: row.chain,
    seq: row.seq,
    at: row.at.toISOString(),
    actor: { kind: row.actorKind, id: row.actorId },
    via: row.via,
    action: row.action,
    objects: JSON.parse(row.objects) as unknown,
    fields: row.fields === null ? null : (JSON.parse(row.fields) as unknown),
    purpose: row.purpose,
    requestId: row.requestId,
    prevHash: row.prevHash,
    hash: row.hash,
  });

@Resolver(() => AuditChain)
export class AuditChainResolver {
  @Authorized(READ_AUDIT)
  @FieldResolver(() => AuditChainCheck, { description: 'Verifies the chain from its first entry; reports the first broken link.' })
  async verification(@Root() part: AuditChain, @Ctx() ctx: AuditContext): Promise<AuditChainCheck> {
    assertMayRead(ctx.principal, part.chain);
    return await verifyChain(ctx.deps.dataSource, part.chain);
  }

  @Authorized(READ_AUDIT)
  @FieldResolver(() => AuditEntryPage, {
    description: `Entries after afterSeq (from the first when left out), at most limit (up to ${MAX_PAGE}).`,
  })
  async entries(
    @Root() part: AuditChain,
    @Ctx() ctx: AuditContext,
    @Arg('afterSeq', () => String, { nullable: true }) afterSeq: string | null,
    @Arg('limit', () => Int, { defaultValue: 500 }) limit: number,
  ): Promise<AuditEntryPage> {
    assertMayRead(ctx.principal, part.chain);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `limit must be between 1 and ${MAX_PAGE}.`);
    }
    if (afterSeq != null && !/^[0-9]{1,19}$/.test(afterSeq)) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'afterSeq must be a sequence number from an earlier page.');
    }
    const rows = await ctx.deps.dataSource.manager
      .createQueryBuilder(AuditEntryEntity, 'e')
      .where('e.chain = :chain AND e.seq > :after', { chain: part.chain, after: afterSeq ?? '0' })
      .orderBy('e.seq', 'ASC')
      .limit(limit + 1)
      .getMany();
    const page = rows.slice(0, limit);
    return {
      jsonLines: page.map((r) => `${auditLine(r)}\n`).join(''),
      count: page.length,
      lastSeq: page.at(-1)?.seq ?? null,
      hasMore: rows.length > limit,
    };
  }
}

export interface AuditTrailOptions {
  /** The subgraph that owns clients adds the root field; it says whether a client exists. */
  rootQuery?: { clientExists: (deps: ServiceCore, clientId: string) => Promise<boolean> };
}

/**
 * The audit trail feature of `service`. Its classes are made per service: the field it adds to
 * AuditTrail bears the service's name, and type-graphql keeps fields on the class.
 */
export const auditTrailFeature = (service: SubgraphName, options: AuditTrailOptions = {}): Feature<ServiceCore> => {
  @Directive('@key(fields: "chain")')
  @ObjectType('AuditTrail', { description: "A chain's audit trail in every service: one field per service." })
  class AuditTrail {
    @Field(() => ID, { description: "A client id, or 'operator' for the operator's own records." })
    chain!: string;
  }

  @Resolver(() => AuditTrail)
  class ServiceAuditTrailResolver {
    @Authorized(READ_AUDIT)
    @FieldResolver(() => AuditChain, { name: service, description: `The ${service} service's chain.` })
    part(@Root() trail: AuditTrail, @Ctx() ctx: AuditContext): AuditChain {
      assertMayRead(ctx.principal, trail.chain);
      return { service, chain: trail.chain };
    }
  }

  @Resolver(() => AuditTrail)
  class AuditTrailQueryResolver {
    @Authorized(READ_AUDIT)
    @Query(() => AuditTrail, {
      description:
        "A client's audit trail (Art 13), or the operator's with clientId left out (staff). A partner reads its own client's and leaves clientId out.",
    })
    async auditTrail(
      @Ctx() ctx: AuditContext,
      @Arg('clientId', () => ID, { nullable: true }) clientId: string | null,
    ): Promise<AuditTrail> {
      const chain = chainFor(ctx.principal as Principal, clientId);
      if (chain !== OPERATOR_CHAIN && !isPartner(ctx.principal as Principal)) {
        if (!(await options.rootQuery!.clientExists(ctx.deps, chain))) throw new DomainError(ErrorCode.NOT_FOUND, `No client ${chain}.`);
      }
      return { chain };
    }
  }

  return defineFeature<ServiceCore>({
    name: 'audit-trail',
    resolvers: [ServiceAuditTrailResolver, AuditChainResolver, ...(options.rootQuery ? [AuditTrailQueryResolver] : [])],
    orphanedTypes: [AuditTrail, AuditChain, AuditChainCheck, AuditEntryPage],
    references: {
      AuditTrail: {
        __resolveReference: (ref: { chain: string }): AuditTrail => ({ chain: ref.chain }),
      },
    },
  });
};
