/**
 * Who is acting, for the audit log: set once where work enters a process (a GraphQL request, an
 * internal route, a job, a start-up task) and read by the data layer, so that no resolver,
 * service or repository passes it along or can forget it. AsyncLocalStorage carries it through
 * every await and DataLoader batch of that work.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { isPartner, type Principal } from './principal';

export type ActorKind = 'staff' | 'partner' | 'service' | 'job' | 'system';

export interface Actor {
  kind: ActorKind;
  /**
   * staff: the employee id (`token:<id>` for the bootstrap admin); partner: the token id; service:
   * the calling service, acting for no one; job: its name; system: the task (start-up).
   */
  id: string;
  /** A partner's client: whatever a partner reads is its client's data, operator rows included. */
  clientId?: string;
}

/** The objects of client data one unit of work read: client id → object type → ids. */
export type ReadSet = Map<string, Map<string, Set<string>>>;

export interface AccessContext {
  actor: Actor;
  /** The calling service, when the actor's request reached this one through another service. */
  via: string | null;
  /** The trace id of the request (the 32 hex digits of its traceparent): one id across every service it reaches. */
  requestId: string;
  /** What the caller declared the access is for, where it declared one. */
  purpose: string | null;
  /** When the work began: the time of its read entries. */
  startedAt: Date;
  reads: ReadSet;
  /** Set by the idempotency of a mutation: the transaction every read and change of this request joins. */
  transaction?: unknown;
  /** Work to run once that transaction has committed (afterCommit in @azukari/db). */
  afterCommit?: (() => Promise<void>)[];
}

const storage = new AsyncLocalStorage<AccessContext>();

export const actorOf = (principal: Principal): Actor => {
  if (isPartner(principal)) return { kind: 'partner', id: principal.tokenId, clientId: principal.clientId };
  return { kind: 'staff', id: principal.employeeId ?? `token:${principal.tokenId}` };
};

/** The trace id inside a W3C traceparent: what ties one request's entries together across services. */
export const requestIdOf = (traceparent: string | null | undefined): string => {
  const match = /^00-([0-9a-f]{32})-/.exec(traceparent ?? '');
  return match ? match[1]! : 'none';
};

export interface AccessOptions {
  actor: Actor;
  trace: string | null;
  via?: string | null;
  purpose?: string | null;
  startedAt?: Date;
}

export const newAccessContext = (options: AccessOptions): AccessContext => ({
  actor: options.actor,
  via: options.via ?? null,
  requestId: requestIdOf(options.trace),
  purpose: options.purpose ?? null,
  startedAt: options.startedAt ?? new Date(),
  reads: new Map(),
});

/** The response header in which the gateway tells a caller its request id (the audit entries' requestId). */
export const REQUEST_ID_HEADER = 'azukari-request-id';

/** The header a caller declares the purpose of its request in; the gateway checks and forwards it. */
export const PURPOSE_HEADER = 'azukari-purpose';
export const PURPOSE_MAX_LENGTH = 200;

/** A declared purpose as recorded: percent-decoded, trimmed, no control characters (the gateway refuses one too long). */
export const purposeFrom = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  let text = value;
  // Header values are Latin-1: a purpose in Japanese arrives percent-encoded (UTF-8).
  try {
    text = decodeURIComponent(value);
  } catch {
    // not percent-encoded: kept as sent
  }
  // eslint-disable-next-line no-control-regex
  const cleaned = text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return cleaned.length > 0 ? cleaned : null;
};

/** A job's context: it acts in its own name, under the request id of the request that caused its event. */
export const jobAccess = (jobName: string, trace: string | null): AccessContext =>
  newAccessContext({ actor: { kind: 'job', id: jobName }, trace });

/** Runs `work` as `context`; everything it awaits sees the same context. */
export const runAs = <T>(context: AccessContext, work: () => T): T => storage.run(context, work);

/** The context of the work in progress, or null outside any (then nothing may change audited rows). */
export const currentAccess = (): AccessContext | null => storage.getStore() ?? null;

/** Notes one object of `clientId`'s data read by the current work; a no-op outside any. */
export const noteRead = (clientId: string, objectType: string, id: string): void => {
  const context = storage.getStore();
  if (!context) return;
  let byType = context.reads.get(clientId);
  if (!byType) context.reads.set(clientId, (byType = new Map()));
  let ids = byType.get(objectType);
  if (!ids) byType.set(objectType, (ids = new Set()));
  ids.add(id);
};

/**
 * Idempotent mutations: the caller's key, and what the gateway adds to it for the owning subgraph
 * (the fingerprint of the caller's whole request, and the step when one request reaches one
 * subgraph more than once).
 */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_FINGERPRINT_HEADER = 'azukari-request-fingerprint';
export const IDEMPOTENCY_STEP_HEADER = 'azukari-idempotency-step';
/** Printable ASCII without spaces, as the IETF Idempotency-Key draft's examples; a UUID fits. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
