import { Authorized, Ctx, Field, ID, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { StaffRole, type Principal } from '@azukari/common';
import type { ContractsContext } from '../context';
import { Client, toClient } from '../client/client.type';
import { ApiScope } from '../api-token/api-token.type';
import { ANY_CALLER } from './viewer.rules';

export enum ViewerKind {
  STAFF = 'STAFF',
  PARTNER = 'PARTNER',
}
registerEnumType(ViewerKind, { name: 'ViewerKind' });

@ObjectType({ description: 'Who the caller is: staff (with a role) or a partner (with its client and scopes).' })
export class Viewer {
  @Field(() => ViewerKind)
  kind!: ViewerKind;

  @Field(() => ID)
  tokenId!: string;

  @Field(() => StaffRole, { nullable: true })
  role!: StaffRole | null;

  @Field(() => ID, { nullable: true, description: 'Staff: the employee the token acts for (null for the bootstrap admin).' })
  employeeId!: string | null;

  @Field(() => Client, { nullable: true, description: 'Partner: its client.' })
  client!: Client | null;

  @Field(() => [ApiScope])
  scopes!: string[];
}

@Resolver(() => Viewer)
export class ViewerResolver {
  @Authorized(ANY_CALLER)
  @Query(() => Viewer)
  async viewer(@Ctx() ctx: ContractsContext): Promise<Viewer> {
    const principal = ctx.principal as Principal;
    if (principal.kind === 'staff') {
      return {
        kind: ViewerKind.STAFF,
        tokenId: principal.tokenId,
        role: principal.role,
        employeeId: principal.employeeId,
        client: null,
        scopes: [],
      };
    }
    const client = await ctx.loaders.client.load(principal.clientId);
    return {
      kind: ViewerKind.PARTNER,
      tokenId: principal.tokenId,
      role: null,
      employeeId: null,
      client: client ? toClient(client) : null,
      scopes: principal.scopes,
    };
  }
}
