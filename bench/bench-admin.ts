import { hashToken } from "../src/domain/api-token-secret.js";
import { createIdGenerator } from "../src/domain/ids.js";
import type { User } from "../src/domain/user.js";
import type { Repository } from "../src/repositories/repository.js";

/** The bearer token of the admin every API bench calls as. */
export const BENCH_TOKEN = "bench-admin-token-0123456789abcdef";
const ids = createIdGenerator();

/** An admin whose token is BENCH_TOKEN, as the bootstrap makes one. */
export async function createBenchAdmin(repo: Repository, now: string): Promise<User> {
  const admin: User = {
    userId: ids.next("user"),
    name: "bench",
    email: "bench@bench.local",
    role: "admin",
    disabled: false,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const audit = () => ({
    auditEventId: ids.next("auditEvent"),
    entityType: "user" as const,
    entityId: admin.userId,
    action: "user.created",
    createdAt: now,
  });
  await repo.users.create(admin, audit());
  await repo.apiTokens.create(
    {
      tokenId: ids.next("apiToken"),
      userId: admin.userId,
      tokenHash: hashToken(BENCH_TOKEN),
      version: 1,
      createdAt: now,
      updatedAt: now,
    },
    audit(),
  );
  return admin;
}
