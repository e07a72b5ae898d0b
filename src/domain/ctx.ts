import type { ContentCatalog } from "../content/load-content.js";
import type { Repository } from "../repositories/repository.js";
import type { Clock } from "./clock.js";
import type { IdGenerator } from "./ids.js";
import type { User } from "./user.js";

/** Everything a service needs, passed explicitly: no singletons, no ambient state. */
export type Ctx = {
  repo: Repository;
  clock: Clock;
  ids: IdGenerator;
  catalog: ContentCatalog;
  /** The authenticated user, or undefined for the system (start-up, scheduler). */
  actor?: User;
};
