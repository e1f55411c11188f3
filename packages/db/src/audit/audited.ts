/**
 * Which rows the audit log covers, declared on the entity itself: every entity of a service is
 * either @Audited, naming its object type and whose data it is, or @NotAudited with the reason.
 * A service whose data source holds an entity that is neither does not start (assertAuditDeclared),
 * so a new feature cannot add rows the log silently misses.
 */
import type { DataSource } from 'typeorm';

export interface AuditSpec {
  /** The object type entries name, the GraphQL type's name where there is one. */
  type: string;
  /** The property holding the client the row belongs to; null for operator data (its chain is 'operator'). */
  clientProperty: string | null;
}

const audited = new Map<Function, AuditSpec>();
const exempt = new Map<Function, string>();

export const Audited =
  (type: string, options: { client: string | null }): ClassDecorator =>
  (target) => {
    audited.set(target, { type, clientProperty: options.client });
  };

/** For the log's own rows and other bookkeeping that is not a client's data or an operator's record. */
export const NotAudited =
  (reason: string): ClassDecorator =>
  (target) => {
    exempt.set(target, reason);
  };

export const auditSpecOf = (target: Function | string): AuditSpec | undefined =>
  typeof target === 'function' ? audited.get(target) : undefined;

/** The chain of operator data: records of the operator itself, no client's. */
export const OPERATOR_CHAIN = 'operator';

export const clientOfRow = (spec: AuditSpec, row: Record<string, unknown>): string | null | undefined => {
  if (spec.clientProperty === null) return null;
  const value = row[spec.clientProperty];
  return typeof value === 'string' ? value : value === null ? null : undefined;
};

export const assertAuditDeclared = (dataSource: DataSource): void => {
  const missing = dataSource.entityMetadatas
    .map((m) => m.target)
    .filter((t): t is Function => typeof t === 'function' && !audited.has(t) && !exempt.has(t))
    .map((t) => t.name);
  if (missing.length > 0) {
    throw new Error(`entities neither @Audited nor @NotAudited: ${missing.join(', ')}; every row is audited or says why not`);
  }
};
