/** Principals for subgraph tests, shaped as the gateway makes them. */
import { newId, StaffRole, type PartnerPrincipal, type Scope, type StaffPrincipal } from '@azukari/common';

export const staffPrincipal = (role: StaffRole = StaffRole.ADMIN): StaffPrincipal => ({
  kind: 'staff',
  tokenId: newId(),
  role,
  employeeId: newId(),
});

export const partnerPrincipal = (clientId: string, scopes: Scope[]): PartnerPrincipal => ({
  kind: 'partner',
  tokenId: newId(),
  clientId,
  scopes,
});
