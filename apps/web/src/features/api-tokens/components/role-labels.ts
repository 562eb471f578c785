import type { Role } from '@lifeboat/shared';

/** Every role, least power first; typed by Role so a new role cannot be left out. */
export const roleLabels: Record<Role, string> = {
  viewer: 'Viewer',
  operator: 'Operator',
  approver: 'Approver',
  admin: 'Admin',
};
