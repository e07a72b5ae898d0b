import { hasRole } from "../domain/roles.js";
import type { UserRole } from "../domain/user.js";
import type { Viewer } from "./portal-env.js";

/**
 * Every change a portal form can make, and the least role it needs. The same table decides which
 * buttons a page shows and which posts the server accepts, so the two cannot drift apart.
 */
export const PORTAL_ACTIONS = {
  complete: "operator",
  "resolve-done": "operator",
  "mark-waiting": "operator",
  "follow-up-sent": "operator",
  "response-received": "operator",
  reopen: "operator",
  "edit-link": "operator",
  "register-link": "operator",
  "upload-file": "operator",
  "approve-artifact": "operator",
  "reject-artifact": "operator",
  /** One's own reminder; a reminder to everyone is dismissed for everyone, which takes an operator. */
  "dismiss-reminder": "viewer",
  "dismiss-team-reminder": "operator",
} as const satisfies Record<string, UserRole>;
export type PortalAction = keyof typeof PORTAL_ACTIONS;

export const can = (viewer: Viewer, action: PortalAction): boolean => hasRole(viewer.user.role, PORTAL_ACTIONS[action]);
