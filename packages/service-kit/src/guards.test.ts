import { StaffRole, type Principal } from '@azukari/common';
import { allow, isAllowed } from './guards';

describe('guards', () => {
  const rule = allow({ staff: [StaffRole.ADMIN, StaffRole.HANDLER], partner: 'custody:write' });
  const staff = (role: StaffRole): Principal => ({ kind: 'staff', tokenId: 't', role, employeeId: null });
  const partner = (scopes: Principal extends never ? never : string[]): Principal => ({
    kind: 'partner',
    tokenId: 't',
    clientId: 'c',
    scopes: scopes as never,
  });

  it('lets the named staff roles and partners with the scope through', () => {
    expect(isAllowed(staff(StaffRole.ADMIN), rule)).toBe(true);
    expect(isAllowed(staff(StaffRole.HANDLER), rule)).toBe(true);
    expect(isAllowed(partner(['custody:read', 'custody:write']), rule)).toBe(true);
  });

  it('stops other roles, partners without the scope, and anonymous callers', () => {
    expect(isAllowed(staff(StaffRole.AUDITOR), rule)).toBe(false);
    expect(isAllowed(partner(['custody:read']), rule)).toBe(false);
    expect(isAllowed(null, rule)).toBe(false);
    expect(isAllowed(partner(['custody:write']), allow({ staff: [StaffRole.ADMIN] }))).toBe(false);
  });

  it("admits every partner to a rule for 'any' partner", () => {
    expect(isAllowed(partner([]), allow({ partner: 'any' }))).toBe(true);
  });
});
