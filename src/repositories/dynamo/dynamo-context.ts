import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { TableNames } from "./tables.js";

/** Test hooks for failure injection; production code never sets them. */
export type DynamoFaults = {
  beforeBundleChunk?(chunkIndex: number): void | Promise<void>;
  /** Simulates the process dying at the failure: no cleanup runs. */
  abandonOnFailure?: boolean;
};

export type DynamoContext = {
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  faults: DynamoFaults;
  /** Bundles known to be committed; a bundle never becomes uncommitted, so this only grows. */
  committedBundles: Set<string>;
};

export type DynamoConnection = { endpoint?: string; region: string; tables: TableNames };

const LOOPBACK = /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?\/?$/;

/**
 * The SDK's default logger discards everything, yet because it has an `info` method the SDK still
 * builds a redacted copy of every response for it: about 20 µs per item read, a tenth of an export's
 * time. A logger without `info` skips that; we log failures ourselves where they are handled.
 */
const SILENT_LOGGER = { debug() {}, warn() {}, error() {} } as unknown as NonNullable<DynamoDBClientConfig["logger"]>;

/** DynamoDB Local (a loopback endpoint) accepts any credentials; anything else uses the default provider chain. */
export function createDynamoContext(connection: DynamoConnection, faults: DynamoFaults = {}): DynamoContext {
  const client = new DynamoDBClient({
    region: connection.region,
    endpoint: connection.endpoint,
    ...(connection.endpoint && LOOPBACK.test(connection.endpoint)
      ? { credentials: { accessKeyId: "local", secretAccessKey: "local" } }
      : {}),
    logger: SILENT_LOGGER,
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
  return { client, doc, tables: connection.tables, faults, committedBundles: new Set() };
}
