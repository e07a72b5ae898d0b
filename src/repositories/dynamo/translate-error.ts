import { unmarshall } from "@aws-sdk/util-dynamodb";
import {
  ChangedMeanwhileError,
  ConflictError,
  DomainError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
} from "../../domain/errors.js";
import { fromItem, type Item } from "./item-codec.js";

/** What a failed condition on one action of a write means to the caller. */
export type Outcome =
  | { kind: "create"; entityType: string; id: string }
  | { kind: "claim"; message: string; details?: Record<string, unknown> }
  | { kind: "replace"; entityType: string; id: string; expectedVersion: number }
  | { kind: "reference"; entityType: string; id: string }
  | { kind: "unchanged"; entityType: string; id: string }
  | { kind: "none" };

/** Thrown for TransactionConflict (another transaction held an item): the write is retried. */
export class TransientConflict extends Error {}

type Reason = { Code?: string; Item?: Record<string, unknown> };

function meaning(outcome: Outcome | undefined, oldItem: Record<string, unknown> | undefined): DomainError | undefined {
  switch (outcome?.kind) {
    case "create":
      return new ConflictError(`${outcome.entityType} ${outcome.id} already exists`, {
        entityType: outcome.entityType,
        id: outcome.id,
      });
    case "claim":
      return new ConflictError(outcome.message, outcome.details ?? {});
    case "replace": {
      if (!oldItem) return new NotFoundError(outcome.entityType, outcome.id);
      // ReturnValuesOnConditionCheckFailure arrives as raw AttributeValues, even through lib-dynamodb.
      const current = fromItem<{ version: number }>(unmarshall(oldItem as never) as Item);
      return new VersionConflictError(outcome.entityType, outcome.id, outcome.expectedVersion, current);
    }
    case "reference":
      return new NotFoundError(outcome.entityType, outcome.id);
    case "unchanged":
      return new ChangedMeanwhileError(outcome.entityType, outcome.id);
    default:
      return undefined;
  }
}

/** The one place DynamoDB errors become domain errors; `outcomes[i]` explains action i. */
export function translateDynamoError(error: unknown, outcomes: Outcome[]): never {
  if (error instanceof DomainError) throw error;
  const named = error as {
    name?: string;
    message?: string;
    CancellationReasons?: Reason[];
    Item?: Record<string, unknown>;
  };
  if (named.name === "TransactionCanceledException" && named.CancellationReasons) {
    const reasons = named.CancellationReasons;
    const failed = reasons.findIndex((r) => r.Code === "ConditionalCheckFailed");
    if (failed >= 0) {
      const translated = meaning(outcomes[failed], reasons[failed]?.Item);
      if (translated) throw translated;
    }
    if (reasons.some((r) => r.Code === "TransactionConflict")) throw new TransientConflict("transaction conflict");
  }
  if (named.name === "ConditionalCheckFailedException") {
    const translated = meaning(outcomes[0], named.Item);
    if (translated) throw translated;
  }
  if (named.name === "TransactionConflictException") throw new TransientConflict("transaction conflict");
  if (named.name === "ValidationException" && /ExclusiveStartKey|start key/i.test(named.message ?? "")) {
    throw new ValidationError("cursor is not one this API issued", {
      issues: [{ path: "cursor", message: "invalid" }],
    });
  }
  throw error;
}
