import type { Repository } from "../../src/repositories/repository.js";
import { endSession, startSession } from "../../src/services/sessions.js";
import { testCtx } from "../support/test-ctx.js";

/**
 * Two portal sessions signed in with `token`, one of them signed out again: the store then holds
 * sessions (never exported) and their `session.*` audit events (exported like any audit event).
 */
export async function seedSampleSessions(repo: Repository, token: string): Promise<{ sessionIds: string[] }> {
  const ctx = testCtx(repo, { workflows: new Map(), docs: new Map() });
  const ended = await startSession(ctx, token, 8 * 3_600_000);
  await endSession(ctx, ended.secret);
  const live = await startSession(ctx, token, 8 * 3_600_000);
  return { sessionIds: [ended.session.sessionId, live.session.sessionId] };
}
