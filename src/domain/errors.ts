import { publicView } from "./public-view.js";

/** Every failure a client can cause, by code; `ERROR_STATUS` maps each to its HTTP status. */
export const ERROR_CODES = [
  "validation_failed",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "version_conflict",
  "read_only",
  "payload_too_large",
  "unsupported_media_type",
  "proof_missing",
  "invalid_transition",
  "unavailable",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ERROR_STATUS = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  version_conflict: 409,
  read_only: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  proof_missing: 422,
  invalid_transition: 422,
  unavailable: 503,
} as const satisfies Record<ErrorCode, number>;

export type ErrorDetails = Record<string, unknown>;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, details: ErrorDetails = {}) {
    super("validation_failed", message, details);
  }
}

export class NotFoundError extends DomainError {
  constructor(entityType: string, id: string) {
    super("not_found", `${entityType} ${id} was not found`, { entityType, id });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: ErrorDetails = {}) {
    super("conflict", message, details);
  }
}

/** A record a write relied on (`Unchanged` in the repository) changed before the write landed. */
export class ChangedMeanwhileError extends ConflictError {
  constructor(entityType: string, id: string) {
    super(`${entityType} ${id} changed while this request was being decided; reload and retry`, { entityType, id });
  }
}

/** `details.current` is the record as the API shows it: this error is thrown by services and both backends alike. */
export class VersionConflictError extends DomainError {
  constructor(entityType: string, id: string, expectedVersion: number, current: { version: number }) {
    super(
      "version_conflict",
      `${entityType} ${id} is at version ${current.version}, not ${expectedVersion}; reload and retry`,
      { entityType, id, expectedVersion, currentVersion: current.version, current: publicView(entityType, current) },
    );
  }
}

export class InvalidTransitionError extends DomainError {
  constructor(message: string, details: ErrorDetails = {}) {
    super("invalid_transition", message, details);
  }
}

/**
 * The one refusal every state machine (tasks, artifacts, assistant jobs) gives: the same message shape
 * and the same details `{action, status, allowedFrom}`, so clients can handle them alike.
 */
export function transitionRefused(
  noun: string,
  action: string,
  status: string,
  allowedFrom: readonly string[],
  why?: string,
): InvalidTransitionError {
  const reason = why ?? `allowed from ${allowedFrom.join(", ")}`;
  return new InvalidTransitionError(`cannot ${action} ${noun} that is ${status}: ${reason}`, {
    action,
    status,
    allowedFrom,
  });
}

export class UnauthorizedError extends DomainError {
  constructor(message = "a valid bearer token is required") {
    super("unauthorized", message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string, details: ErrorDetails = {}) {
    super("forbidden", message, details);
  }
}

/** A proof gate blocked completion; `gate` names which check, `name` which link, file or proof. */
export class ProofMissingError extends DomainError {
  constructor(message: string, gate: string, name: string) {
    super("proof_missing", `Cannot mark task as done: ${message}`, { gate, name });
  }
}

export class ReadOnlyError extends DomainError {
  constructor(message: string) {
    super("read_only", message);
  }
}

/** `what` names the body refused: "the file", "the JSON body". */
export class PayloadTooLargeError extends DomainError {
  constructor(what: string, maxBytes: number) {
    super("payload_too_large", `${what} is larger than the ${maxBytes}-byte limit`, { maxBytes });
  }
}

/** A dependency the service needs (its store) cannot be reached now; retrying later may work. */
export class UnavailableError extends DomainError {
  constructor(message: string) {
    super("unavailable", message);
  }
}

/** Why a task cannot be deleted: what still points at it, and what to do instead. */
export function taskStillReferenced(taskId: string, what: string): ConflictError {
  const advice =
    what === "workflow steps"
      ? "a workflow run made it and keeps it in its history; cancel the run instead"
      : "remove them first";
  return new ConflictError(`task ${taskId} still has ${what}; ${advice}`, { taskId, referencedBy: what });
}
