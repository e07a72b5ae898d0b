import type { Ctx } from "../domain/ctx.js";
import { UnavailableError } from "../domain/errors.js";

/** A store that has not answered by then counts as unreachable: a load balancer's probe must not hang. */
const READY_TIMEOUT_MS = 2000;

/** Resolves when the store answers; otherwise UnavailableError, whose message names no internals. */
export async function checkReadiness(ctx: Ctx): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), READY_TIMEOUT_MS);
  });
  try {
    await Promise.race([ctx.repo.ping(), timeout]);
  } catch {
    throw new UnavailableError("the store cannot be reached");
  } finally {
    clearTimeout(timer);
  }
}
