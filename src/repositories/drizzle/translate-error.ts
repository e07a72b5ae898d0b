import { ConflictError, DomainError, NotFoundError, ValidationError } from "../../domain/errors.js";

type PgErrorLike = { code?: string; constraint?: string; detail?: string; table?: string };

export function pgError(error: unknown): PgErrorLike | undefined {
  for (let current: unknown = error; current && typeof current === "object"; ) {
    const candidate = current as PgErrorLike & { cause?: unknown };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return undefined;
}

/** The one place Postgres errors become domain errors; anything unrecognised is rethrown as is. */
export function translatePgError(error: unknown): never {
  if (error instanceof DomainError) throw error;
  const found = pgError(error);
  if (found?.code === "23505") {
    throw new ConflictError("a record with the same unique value already exists", {
      constraint: found.constraint,
    });
  }
  // NUL in text (22021) or a \u0000 escape in JSON (22P05): a client's input Postgres cannot store.
  if (found?.code === "22021" || found?.code === "22P05") {
    throw new ValidationError("text cannot contain NUL characters", {
      issues: [{ path: "(input)", message: "contains NUL" }],
    });
  }
  // Two writes that lock the same rows in different orders (deadlock) or a serialization failure: retryable.
  if (found?.code === "40P01" || found?.code === "40001") {
    throw new ConflictError("another write changed the same records at the same time; reload and retry");
  }
  if (found?.code === "23503") {
    const match = /Key \((\w+)\)=\(([^)]*)\)/.exec(found.detail ?? "");
    throw new NotFoundError(match?.[1] ?? "referenced record", match?.[2] ?? "(unknown)");
  }
  throw error;
}

export async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    translatePgError(error);
  }
}
