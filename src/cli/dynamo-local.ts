import { loadConfig } from "../config.js";
import { createDynamoContext } from "../repositories/dynamo/dynamo-context.js";
import { createLocalTables } from "../repositories/dynamo/template-tables.js";
import { startDynamoLocal } from "./dynamo-local-process.js";

/**
 * `npm run dynamo:local [-- PORT]`: starts AWS's DynamoDB Local in memory (port 8000 by default)
 * and creates the tables infra/template.yaml declares.
 */
const port = Number(process.argv[2] ?? 8000);
const local = await startDynamoLocal(port);
const { dynamodb } = loadConfig();
const connection = { ...dynamodb, endpoint: local.endpoint };
const ctx = createDynamoContext(connection);
await createLocalTables(ctx.client, connection.tables);
ctx.client.destroy();
console.log(`DynamoDB Local on ${local.endpoint} with tables: ${Object.values(connection.tables).join(", ")}`);
console.log(`Run the service against it: STORAGE=dynamodb DYNAMODB_ENDPOINT=${local.endpoint} npm start`);
const stop = () => void local.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
