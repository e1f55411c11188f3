import { z } from 'zod';
/**
 * Who is calling. The gateway turns a bearer token into a Principal and signs it for the
 * subgraphs; the tenant of a partner comes from here alone, never from an argument.
 */
export const Scope = {
  CONTRACTS_READ: 'contracts:read',
  CUSTODY_READ: 'custody:read',
  CUSTODY_WRITE: 'custody:write',
  INCIDENTS_READ: 'incidents:read',
  AUDIT_READ: 'audit:read',
  WEBHOOKS_WRITE: 'webhooks:write',
  CONSENTS_WRITE: 'consents:write',
  REPORTS_ACK: 'reports:ack',
  INSPECTIONS_REQUEST: 'inspections:request',
} as const;
export type Scope = (typeof Scope)[keyof typeof Scope];

/**
 * What each scope lets a partner token do, always for its own client only: the one list, shown in
 * the schema (the ApiScope enum's descriptions) and in the README (a test keeps the table equal).
 */
export const SCOPE_ALLOWS: Readonly<Record<Scope, string>> = {
  [Scope.CONTRACTS_READ]:
    'Read its contracts, their purposes and versions, written consents, safety measures, re-entrustments, inspections and reports, and ask the decision API what a contract permits.',
  [Scope.CUSTODY_READ]: 'Read the data assets of its contracts and who holds them.',
  [Scope.CUSTODY_WRITE]: 'Register data assets for its active contracts.',
  [Scope.INCIDENTS_READ]: 'Read the incidents that touch its contracts.',
  [Scope.AUDIT_READ]: 'Verify and export its audit trail (Art 13).',
  [Scope.WEBHOOKS_WRITE]: 'Manage its webhook endpoints and secrets, its report channels and recipients, and redeliver its reports.',
  [Scope.CONSENTS_WRITE]: 'Grant and revoke written consents for its contracts (Art 2.1, 3, 6), which are the record of them.',
  [Scope.REPORTS_ACK]:
    'Acknowledge its reports and answer them: comment, challenge safety measures (Art 5.3), instruct a subcontractor (Art 13.6).',
  [Scope.INSPECTIONS_REQUEST]:
    'Request on-site inspections of its contracts with prior written notice, and record its side of them (Art 13.2–13.5).',
};
export const ALL_SCOPES: readonly Scope[] = Object.values(Scope);
export const isScope = (value: string): value is Scope => (ALL_SCOPES as readonly string[]).includes(value);

export const StaffRole = {
  ADMIN: 'ADMIN',
  PRIVACY_OFFICER: 'PRIVACY_OFFICER',
  HANDLER: 'HANDLER',
  AUDITOR: 'AUDITOR',
} as const;
export type StaffRole = (typeof StaffRole)[keyof typeof StaffRole];
export const ALL_STAFF_ROLES: readonly StaffRole[] = Object.values(StaffRole);

export interface StaffPrincipal {
  kind: 'staff';
  tokenId: string;
  role: StaffRole;
  /** null only for the bootstrap admin token (AZUKARI_ADMIN_TOKEN). */
  employeeId: string | null;
}

export interface PartnerPrincipal {
  kind: 'partner';
  tokenId: string;
  clientId: string;
  scopes: Scope[];
}

export type Principal = StaffPrincipal | PartnerPrincipal;

export const isStaff = (p: Principal): p is StaffPrincipal => p.kind === 'staff';
export const isPartner = (p: Principal): p is PartnerPrincipal => p.kind === 'partner';

/** Staff roles that may change data; auditors read. */
export const WRITING_STAFF: readonly StaffRole[] = [StaffRole.ADMIN, StaffRole.PRIVACY_OFFICER, StaffRole.HANDLER];
export const ALL_STAFF: readonly StaffRole[] = ALL_STAFF_ROLES;

/** The shape a signed principal must have; anything else is refused as unauthenticated. */
export const principalSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('staff'),
    tokenId: z.uuid(),
    role: z.enum(ALL_STAFF_ROLES as [StaffRole, ...StaffRole[]]),
    employeeId: z.uuid().nullable(),
  }),
  z.object({
    kind: z.literal('partner'),
    tokenId: z.uuid(),
    clientId: z.uuid(),
    scopes: z.array(z.enum(ALL_SCOPES as [Scope, ...Scope[]])),
  }),
]);
