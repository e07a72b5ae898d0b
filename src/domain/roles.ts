import type { UserRole } from "./user.js";

/** Roles in increasing power: a route open to a role is open to every role after it. */
export const ROLE_RANK = { viewer: 0, operator: 1, admin: 2 } as const satisfies Record<UserRole, number>;

export function hasRole(role: UserRole, atLeast: UserRole): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[atLeast];
}
