import { describe, expect, it } from 'vitest';
import { PERMISSIONS, permissionsOf, ROLE_PERMISSIONS, ROLES } from './permissions.js';

describe('the role → permission table', () => {
  it('gives network_admin every permission but origins, and every role at least network:read', () => {
    expect([...permissionsOf(['network_admin'])].sort()).toEqual(PERMISSIONS.filter((p) => p !== 'volunteers:origins').sort());
    expect(permissionsOf(['coordinator']).has('volunteers:origins')).toBe(true);
    for (const role of ROLES) expect(ROLE_PERMISSIONS[role]).toContain('network:read');
  });

  it('keeps the audit log, users and tokens away from volunteers, partners and viewers', () => {
    for (const role of ['volunteer', 'partner', 'viewer'] as const) {
      const p = permissionsOf([role]);
      for (const forbidden of ['audit:read', 'users:read', 'users:manage', 'api-tokens:manage', 'invitations:manage', 'outbox:read'] as const) expect(p.has(forbidden)).toBe(false);
    }
  });

  it('unites the permissions of several roles', () => {
    const p = permissionsOf(['viewer', 'coordinator']);
    expect(p.has('users:read')).toBe(true);
    expect(p.has('organizations:manage')).toBe(false);
  });
});
