/**
 * Who may call a field, declared on the field with @Authorized(...allow(...)) and checked by
 * type-graphql's auth checker. Every Query and Mutation field, and every field a subgraph adds to
 * another's entity, must carry a rule: `assertEveryRootFieldGuarded` stops start-up otherwise.
 */
import { getMetadataStorage, type AuthChecker } from 'type-graphql';
import type { Principal, Scope, StaffRole } from '@azukari/common';

export interface Rule {
  staff?: readonly StaffRole[];
  /** A scope the partner token must carry, or 'any' for every partner (viewer). */
  partner?: Scope | 'any';
}

/** Encodes a rule as type-graphql "roles": `staff:ADMIN`, `partner:custody:write`. */
export const allow = (rule: Rule): string[] => [
  ...(rule.staff ?? []).map((role) => `staff:${role}`),
  ...(rule.partner ? [`partner:${rule.partner}`] : []),
];

export const isAllowed = (principal: Principal | null, roles: readonly string[]): boolean => {
  if (!principal) return false;
  if (principal.kind === 'staff') return roles.includes(`staff:${principal.role}`);
  return roles.some(
    (r) => r === 'partner:any' || (r.startsWith('partner:') && principal.scopes.includes(r.slice('partner:'.length) as Scope)),
  );
};

export const authChecker: AuthChecker<{ principal: Principal | null }> = ({ context }, roles) => isAllowed(context.principal, roles);

/** Fails start-up if a root field, or a field added to another subgraph's entity, has no rule. */
export const assertEveryRootFieldGuarded = (resolverClasses: readonly Function[]): void => {
  const storage = getMetadataStorage();
  const ours = new Set(resolverClasses);
  const guarded = new Set(storage.authorizedFields.map((a) => `${a.target.name}.${a.fieldName}`));
  const unguarded = [...storage.queries, ...storage.mutations, ...storage.fieldResolvers]
    .filter((r) => ours.has(r.target))
    .filter((r) => !guarded.has(`${r.target.name}.${r.methodName}`))
    .map((r) => `${r.target.name}.${r.methodName}`);
  if (unguarded.length > 0) throw new Error(`resolvers without an @Authorized rule: ${unguarded.join(', ')}`);
};
