import { VersionConflictError } from "../domain/errors.js";
import type { Page, PageRequest } from "../repositories/pagination.js";

/** How to revoke one kind of a user's credentials (tokens, sessions). */
export type Revocable<T> = {
  list(page: PageRequest): Promise<Page<T>>;
  /** Still works, so it needs revoking. */
  live(record: T): boolean;
  reread(record: T): Promise<T | undefined>;
  revoke(record: T): Promise<unknown>;
};

/**
 * Revokes every listed record that still works, one version-checked write each; one changed meanwhile
 * (its owner revoked it, say) is decided again as it is now. Run again, it finishes what a failure
 * left. Returns how many it revoked.
 */
export async function revokeEach<T>(of: Revocable<T>): Promise<number> {
  let revoked = 0;
  let cursor: string | undefined;
  do {
    const page = await of.list({ limit: 500, cursor });
    for (const record of page.items.filter(of.live)) {
      try {
        await of.revoke(record);
        revoked++;
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        const current = await of.reread(record);
        if (current && of.live(current)) {
          await of.revoke(current);
          revoked++;
        }
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return revoked;
}
