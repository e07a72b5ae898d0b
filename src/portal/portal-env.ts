import type { User } from "../domain/user.js";
import type { AppEnv } from "../routes/app-env.js";

/** A signed-in portal request: who it is and the CSRF token every form of theirs carries. */
export type Viewer = { user: User; csrf: string };

export type PortalEnv = { Variables: AppEnv["Variables"] & { viewer: Viewer } };
