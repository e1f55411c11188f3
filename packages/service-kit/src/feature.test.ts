/**
 * Feature modules: an app's entities, resolvers, reference resolvers and per-request loaders are
 * built from its list of features, and two features that claim the same thing stop start-up.
 */
import { Authorized, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { StaffRole } from '@azukari/common';
import { OPERATOR_SCOPE, type TenantScope } from '@azukari/db';
import { defineFeature, entitiesOf, loadersOf, referencesOf, resolversOf, type Feature } from './feature';
import { allow } from './guards';
import { buildSubgraphSchema } from './subgraph';

class ThingRow {}
class OtherRow {}
class NoteRow {}

@ObjectType()
class FeatureThing {
  @Field(() => ID)
  id!: string;
}

@Resolver(() => FeatureThing)
class ThingResolver {
  @Authorized(allow({ staff: [StaffRole.ADMIN] }))
  @Query(() => FeatureThing)
  featureThing(): FeatureThing {
    return { id: 't' };
  }
}

@ObjectType()
class FeatureNote {
  @Field(() => ID)
  id!: string;
}

@Resolver(() => FeatureThing)
class NoteResolver {
  @Authorized(allow({ staff: [StaffRole.ADMIN] }))
  @Query(() => String)
  featureNote(): string {
    return 'n';
  }
}

interface Deps {
  prefix: string;
}
const deps: Deps = { prefix: 'p' };
const client: TenantScope = { kind: 'client', clientId: '01936b2e-7c1a-7000-8000-000000000002' };

const reference = (type: string) => ({ __resolveReference: (ref: { id: string }) => ({ type, id: ref.id }) });

/** A loader that says which deps and scope it was made with, and which instance it is. */
let made = 0;
const loader = (name: string, d: Deps, scope: TenantScope) => ({ name, prefix: d.prefix, scope, instance: ++made });

const things = defineFeature<Deps, { thingById: ReturnType<typeof loader> }>({
  name: 'things',
  entities: [ThingRow, OtherRow],
  resolvers: [ThingResolver],
  references: { FeatureThing: reference('FeatureThing') },
  loaders: (d, scope) => ({ thingById: loader('thingById', d, scope) }),
});
const notes = defineFeature<Deps, { noteById: ReturnType<typeof loader>; notesByThing: ReturnType<typeof loader> }>({
  name: 'notes',
  entities: [NoteRow],
  resolvers: [NoteResolver],
  orphanedTypes: [FeatureNote],
  references: { FeatureNote: reference('FeatureNote') },
  loaders: (d, scope) => ({ noteById: loader('noteById', d, scope), notesByThing: loader('notesByThing', d, scope) }),
});
/** A feature with nothing but a name: every list skips it. */
const bare = defineFeature<Deps>({ name: 'bare' });

const asAny = (features: readonly Feature<Deps, object>[]) => features as unknown as readonly Feature<never, object>[];

describe('feature modules', () => {
  describe('entitiesOf', () => {
    it("lists every feature's entities, in the order of the features", () => {
      expect(entitiesOf(asAny([things, bare, notes]))).toEqual([ThingRow, OtherRow, NoteRow]);
      expect(entitiesOf(asAny([bare]))).toEqual([]);
    });
  });

  describe('resolversOf', () => {
    it("lists every feature's resolvers", () => {
      expect(resolversOf(asAny([things, bare, notes]))).toEqual([ThingResolver, NoteResolver]);
    });

    it('refuses a subgraph without a resolver', () => {
      expect(() => resolversOf(asAny([bare]))).toThrow('a subgraph needs at least one resolver');
      expect(() => resolversOf([])).toThrow('a subgraph needs at least one resolver');
    });
  });

  describe('referencesOf', () => {
    it("merges every feature's reference resolvers by type", async () => {
      const merged = referencesOf(asAny([things, bare, notes]));
      expect(Object.keys(merged).sort()).toEqual(['FeatureNote', 'FeatureThing']);
      expect(await merged.FeatureThing!.__resolveReference({ id: 'x' } as never, {} as never)).toEqual({ type: 'FeatureThing', id: 'x' });
      expect(await merged.FeatureNote!.__resolveReference({ id: 'y' } as never, {} as never)).toEqual({ type: 'FeatureNote', id: 'y' });
    });

    it('refuses two features resolving references to one type, naming it', () => {
      const rival = defineFeature<Deps>({ name: 'rival', references: { FeatureThing: reference('rival') } });
      expect(() => referencesOf(asAny([things, notes, rival]))).toThrow('two features resolve references to FeatureThing');
    });
  });

  describe('loadersOf', () => {
    it("builds every feature's loaders with the deps and the request's scope", () => {
      const loaders = loadersOf([things, bare, notes] as const, deps, client);
      expect(Object.keys(loaders).sort()).toEqual(['noteById', 'notesByThing', 'thingById']);
      expect(loaders.thingById).toMatchObject({ name: 'thingById', prefix: 'p', scope: client });
      expect(loaders.notesByThing).toMatchObject({ name: 'notesByThing', prefix: 'p', scope: client });
    });

    it('makes new loaders for each request, so that batching and caching never cross two callers', () => {
      const first = loadersOf([things] as const, deps, client);
      const second = loadersOf([things] as const, deps, OPERATOR_SCOPE);
      expect(second.thingById.instance).not.toBe(first.thingById.instance);
      expect(first.thingById.scope).toEqual(client);
      expect(second.thingById.scope).toEqual(OPERATOR_SCOPE);
    });

    it('refuses two features defining one loader, naming it', () => {
      const rival = defineFeature<Deps, { noteById: ReturnType<typeof loader> }>({
        name: 'rival',
        loaders: (d, scope) => ({ noteById: loader('rival', d, scope) }),
      });
      expect(() => loadersOf([things, notes, rival] as const, deps, client)).toThrow('two features define the loader noteById');
    });
  });

  describe('buildSubgraphSchema', () => {
    it("builds one schema from every feature's resolvers and references", async () => {
      const schema = await buildSubgraphSchema(asAny([things, notes]));
      const fields = schema.getQueryType()!.getFields();
      expect(fields.featureThing).toBeDefined();
      expect(fields.featureNote).toBeDefined();
      expect(schema.getType('PageInfo')).toBeDefined();
    });

    it('refuses a reference resolver for a type the schema does not have, naming it', async () => {
      const stray = defineFeature<Deps>({ name: 'stray', references: { FeatureNoet: reference('FeatureNoet') } });
      await expect(buildSubgraphSchema(asAny([things, notes, stray]))).rejects.toThrow(
        "reference resolvers for types not in this subgraph's schema: FeatureNoet",
      );
    });

    it('refuses features that claim one type twice', async () => {
      const rival = defineFeature<Deps>({ name: 'rival', resolvers: [NoteResolver], references: { FeatureThing: reference('rival') } });
      await expect(buildSubgraphSchema(asAny([things, rival]))).rejects.toThrow('two features resolve references to FeatureThing');
    });
  });
});
