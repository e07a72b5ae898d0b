import type { Backend } from "../support/backends.js";
import { accessPatternContract } from "./access-patterns.contract.js";
import { bulkWriteContract } from "./bulk-writes.contract.js";
import { eventStoreContract } from "./event-store.contract.js";
import { exportReaderContract } from "./export-reader.contract.js";
import { roundTripContract } from "./round-trip.contract.js";
import { runLogStoreContract } from "./run-log-store.contract.js";
import { runStoreContract } from "./run-store.contract.js";
import { schedulerStoreContract } from "./scheduler-stores.contract.js";
import { sessionStoreContract } from "./session-store.contract.js";
import { unchangedGuardContract } from "./unchanged-guards.contract.js";
import { uniqueValueContract } from "./unique-values.contract.js";
import { writeContract } from "./writes.contract.js";

/** The one repository contract, run unchanged against every backend. */
export function repositoryContract(backend: Backend) {
  roundTripContract(backend);
  accessPatternContract(backend);
  writeContract(backend);
  bulkWriteContract(backend);
  exportReaderContract(backend);
  uniqueValueContract(backend);
  unchangedGuardContract(backend);
  schedulerStoreContract(backend);
  runStoreContract(backend);
  runLogStoreContract(backend);
  eventStoreContract(backend);
  sessionStoreContract(backend);
}
