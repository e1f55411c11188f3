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
  /** Its own client's audit trail, to verify and export for an inspection (Art 13). */
  AUDIT_READ: 'audit:read',
  /** Its own client's webhook endpoints and secrets, report channels per kind, and redelivery of its reports. */
  WEBHOOKS_WRITE: 'webhooks:write',
  /**
   * Grants and revokes its own client's written consents through the API (Art 2.1, 3, 6.1): beyond
   * the service's purposes, taking out, re-entrustment to a named subcontractor. The grant is the record.
   */
  CONSENTS_WRITE: 'consents:write',
} as const;
export type Scope = (typeof Scope)[keyof typeof Scope];
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
