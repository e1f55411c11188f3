import { Authorized, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { StaffRole } from '@azukari/common';
import { buildFederatedSchema } from './federation';
import { allow } from './guards';

@ObjectType()
class Thing {
  @Field()
  name!: string;
}

@Resolver(() => Thing)
class GuardedResolver {
  @Authorized(allow({ staff: [StaffRole.ADMIN] }))
  @Query(() => Thing)
  guardedThing(): Thing {
    return { name: 'ok' };
  }
}

@Resolver(() => Thing)
class ForgetfulResolver {
  @Query(() => Thing)
  unguardedThing(): Thing {
    return { name: 'leak' };
  }
}

describe('federated schema building', () => {
  it('builds a subgraph schema when every root field has a rule', async () => {
    const schema = await buildFederatedSchema({ resolvers: [GuardedResolver] });
    expect(schema.getQueryType()?.getFields().guardedThing).toBeDefined();
    expect(schema.getQueryType()?.getFields()._service).toBeDefined();
  });

  it('refuses to start with a root field that has no @Authorized rule', async () => {
    await expect(buildFederatedSchema({ resolvers: [GuardedResolver, ForgetfulResolver] })).rejects.toThrow(
      'resolvers without an @Authorized rule: ForgetfulResolver.unguardedThing',
    );
  });
});
