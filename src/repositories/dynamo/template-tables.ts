import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DescribeTableCommandOutput,
  type DynamoDBClient,
  UpdateTableCommand,
} from "@aws-sdk/client-dynamodb";
import { readTemplate, type Template } from "./cloudformation-yaml.js";
import { DYNAMO_TABLES, type DynamoTable, type TableNames } from "./tables.js";

type KeyElement = { AttributeName: string; KeyType: "HASH" | "RANGE" };
export type DeclaredTable = {
  resource: string;
  keySchema: KeyElement[];
  attributeDefinitions: { AttributeName: string; AttributeType: "S" | "N" | "B" }[];
  indexes: { IndexName: string; KeySchema: KeyElement[]; Projection: { ProjectionType: string } }[];
};

/** Every AWS::DynamoDB::Table the template declares, by resource name. */
export function declaredTables(template: Template = readTemplate()): Map<string, DeclaredTable> {
  const tables = new Map<string, DeclaredTable>();
  for (const [resource, body] of Object.entries(template.Resources)) {
    if (body.Type !== "AWS::DynamoDB::Table") continue;
    const p = body.Properties as {
      KeySchema: DeclaredTable["keySchema"];
      AttributeDefinitions: DeclaredTable["attributeDefinitions"];
      GlobalSecondaryIndexes?: DeclaredTable["indexes"];
    };
    tables.set(resource, {
      resource,
      keySchema: p.KeySchema,
      attributeDefinitions: p.AttributeDefinitions,
      indexes: p.GlobalSecondaryIndexes ?? [],
    });
  }
  return tables;
}

/** The CreateTable request for a declared table under a local name (no template functions survive). */
export function createTableInput(declared: DeclaredTable, tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    KeySchema: declared.keySchema,
    AttributeDefinitions: declared.attributeDefinitions,
    ...(declared.indexes.length > 0
      ? {
          GlobalSecondaryIndexes: declared.indexes.map((index) => ({
            IndexName: index.IndexName,
            KeySchema: index.KeySchema,
            Projection: { ProjectionType: index.Projection.ProjectionType as "ALL" },
          })),
        }
      : {}),
  };
}

/** A local table made by an earlier version gets the indexes the template has added since, one at a time. */
async function addMissingIndexes(
  client: DynamoDBClient,
  declared: DeclaredTable,
  tableName: string,
  existing: DescribeTableCommandOutput,
): Promise<void> {
  const have = new Set((existing.Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const index of declared.indexes) {
    if (have.has(index.IndexName)) continue;
    const used = new Set(index.KeySchema.map((k) => k.AttributeName));
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: declared.attributeDefinitions.filter((a) => used.has(a.AttributeName)),
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: index.IndexName,
              KeySchema: index.KeySchema,
              Projection: { ProjectionType: index.Projection.ProjectionType as "ALL" },
            },
          },
        ],
      }),
    );
  }
}

/**
 * Creates every table of infra/template.yaml that does not exist yet, for local and test runs only:
 * in production the stack owns the tables and handlers never create them.
 */
export async function createLocalTables(client: DynamoDBClient, names: TableNames): Promise<void> {
  const declared = declaredTables();
  await Promise.all(
    (Object.keys(DYNAMO_TABLES) as DynamoTable[]).map(async (table) => {
      const spec = declared.get(DYNAMO_TABLES[table].resource);
      if (!spec) throw new Error(`infra/template.yaml declares no ${DYNAMO_TABLES[table].resource}`);
      let existing: DescribeTableCommandOutput;
      try {
        existing = await client.send(new DescribeTableCommand({ TableName: names[table] }));
      } catch (error) {
        if ((error as { name?: string }).name !== "ResourceNotFoundException") throw error;
        await client.send(new CreateTableCommand(createTableInput(spec, names[table])));
        return;
      }
      await addMissingIndexes(client, spec, names[table], existing);
    }),
  );
}
