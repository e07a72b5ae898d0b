import type { Backend } from "../support/backends.js";
import { roundTripContract } from "./round-trip.contract.js";

/** The one repository contract, run unchanged against every backend. */
export function repositoryContract(backend: Backend) {
  roundTripContract(backend);
}
