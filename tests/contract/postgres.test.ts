import { postgresBackend } from "../support/backends.js";
import { repositoryContract } from "./repository-contract.js";

repositoryContract(postgresBackend);
