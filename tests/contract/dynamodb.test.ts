import { dynamoBackend } from "../support/backends.js";
import { repositoryContract } from "./repository-contract.js";

repositoryContract(dynamoBackend);
