import { pgliteBackend } from "../support/backends.js";
import { repositoryContract } from "./repository-contract.js";

repositoryContract(pgliteBackend);
