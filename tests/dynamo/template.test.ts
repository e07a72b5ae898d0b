// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation substitutions are ${...} in plain strings
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTemplate, readTemplate } from "../../src/repositories/dynamo/cloudformation-yaml.js";
import { TABLE_INDEXES, TTL_ATTRIBUTE } from "../../src/repositories/dynamo/key-model.js";
import { DYNAMO_TABLES, type DynamoTable } from "../../src/repositories/dynamo/tables.js";
import { declaredTables } from "../../src/repositories/dynamo/template-tables.js";

const template = readTemplate();
type Props = Record<string, unknown>;
const resources = Object.entries(template.Resources);
const tables = resources.filter(([, r]) => r.Type === "AWS::DynamoDB::Table");

describe("infra/template.yaml", () => {
  it("parses CloudFormation short forms into their long forms", () => {
    const parsed = parseTemplate(
      "A: !Ref X\nB: !Sub 'a-${X}'\nC: !GetAtt T.Arn\nD: !Join [',', [a, b]]\nE: !If [c, 1, 2]\nF: !Sub\n  - '${a}'\n  - { a: 1 }\n",
    );
    expect(parsed).toEqual({
      A: { Ref: "X" },
      B: { "Fn::Sub": "a-${X}" },
      C: { "Fn::GetAtt": ["T", "Arn"] },
      D: { "Fn::Join": [",", ["a", "b"]] },
      E: { "Fn::If": ["c", 1, 2] },
      F: { "Fn::Sub": ["${a}", { a: 1 }] },
    });
  });

  it("declares every table on demand, with point-in-time recovery, encryption, retention and tags", () => {
    expect(tables.map(([name]) => name).sort()).toEqual(
      Object.values(DYNAMO_TABLES)
        .map((t) => t.resource)
        .sort(),
    );
    for (const [name, table] of tables) {
      const p = table.Properties as Props;
      expect([name, table.DeletionPolicy, table.UpdateReplacePolicy]).toEqual([name, "Retain", "Retain"]);
      expect([name, p.BillingMode]).toEqual([name, "PAY_PER_REQUEST"]);
      expect(p.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(p.SSESpecification).toEqual({ SSEEnabled: true });
      const tags = Object.fromEntries((p.Tags as { Key: string; Value: unknown }[]).map((t) => [t.Key, t.Value]));
      expect(tags).toMatchObject({ Project: "work-engine", App: { Ref: "AppName" } });
      expect(typeof tags.DataClass).toBe("string");
      expect(p.TableName).toMatchObject({ "Fn::Sub": expect.stringContaining("${Stage}") });
    }
  });

  it("declares exactly the keys and indexes the code uses", () => {
    const declared = declaredTables(template);
    for (const [table, spec] of Object.entries(DYNAMO_TABLES) as [DynamoTable, (typeof DYNAMO_TABLES)[DynamoTable]][]) {
      const t = declared.get(spec.resource);
      expect(t?.keySchema).toEqual([
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ]);
      expect(t?.indexes.map((i) => i.IndexName).sort()).toEqual([...TABLE_INDEXES[table]].sort());
      for (const index of t?.indexes ?? []) {
        expect(index.KeySchema).toEqual([
          { AttributeName: `_${index.IndexName}Pk`, KeyType: "HASH" },
          { AttributeName: `_${index.IndexName}Sk`, KeyType: "RANGE" },
        ]);
        expect(index.Projection).toEqual({ ProjectionType: "ALL" });
      }
      const defined = new Set(t?.attributeDefinitions.map((a) => a.AttributeName));
      const keyed = new Set([
        "pk",
        "sk",
        ...(t?.indexes ?? []).flatMap((i) => i.KeySchema.map((k) => k.AttributeName)),
      ]);
      expect(defined).toEqual(keyed);
    }
  });

  it("expires items on the attribute the code sets: run log entries (bundles), sessions (users), leases (scheduler)", () => {
    const ttl = (resource: string) =>
      (template.Resources[resource]?.Properties as Props | undefined)?.TimeToLiveSpecification;
    expect(ttl("BundlesTable")).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
    expect(ttl("UsersTable")).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
    expect(ttl("SchedulerTable")).toEqual({ AttributeName: "expiresAtEpoch", Enabled: true });
    const expiring = tables.filter(([, table]) => (table.Properties as Props).TimeToLiveSpecification !== undefined);
    expect(expiring.map(([name]) => name).sort()).toEqual(["BundlesTable", "SchedulerTable", "UsersTable"]);
  });

  it("is the only place an index name comes from: every index named in the DynamoDB code is declared", () => {
    const dir = "src/repositories/dynamo";
    const source = readdirSync(dir)
      .map((name) => readFileSync(join(dir, name), "utf8"))
      .join("\n");
    const used = new Set([
      ...[...source.matchAll(/index: "(\w+)"/g)].map((m) => m[1]),
      ...[...source.matchAll(/indexAttributes\("(\w+)"\)/g)].map((m) => m[1]),
      ...[...source.matchAll(/IndexName: "(\w+)"/g)].map((m) => m[1]),
      ...[...source.matchAll(/^\s+(by\w+): (?:\[|[a-z.]+ \?)/gm)].map((m) => m[1]),
    ]);
    const declared = new Set(Object.values(TABLE_INDEXES).flat());
    expect(used.size).toBeGreaterThan(10);
    for (const name of used) expect([name, declared.has(name as never)]).toEqual([name, true]);
  });

  it("has a private, versioned, encrypted, retained bucket for artifacts and exports", () => {
    const bucket = template.Resources.ArtifactsBucket;
    const p = bucket?.Properties as Props;
    expect([bucket?.DeletionPolicy, bucket?.UpdateReplacePolicy]).toEqual(["Retain", "Retain"]);
    expect(p.VersioningConfiguration).toEqual({ Status: "Enabled" });
    expect(JSON.stringify(p.BucketEncryption)).toContain("SSEAlgorithm");
    expect(p.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });

  it("gives the API function every table name and least-privilege access to tables and their indexes", () => {
    const fn = template.Resources.ApiFunction;
    const p = fn?.Properties as Props;
    expect(fn?.Type).toBe("AWS::Serverless::Function");
    const env = (p.Environment as { Variables: Record<string, unknown> }).Variables;
    for (const spec of Object.values(DYNAMO_TABLES)) expect(env[spec.env]).toEqual({ Ref: spec.resource });
    expect(env).toMatchObject({ STORAGE: "dynamodb", NODE_ENV: "production" });
    const statements = (p.Policies as { Statement: { Action: string[]; Resource: unknown }[] }[]).flatMap(
      (policy) => policy.Statement,
    );
    const dynamo = statements.find((s) => s.Action.some((a) => a.startsWith("dynamodb:")));
    expect(dynamo?.Action).toEqual(
      expect.arrayContaining([
        "dynamodb:ConditionCheckItem",
        "dynamodb:PutItem",
        "dynamodb:DeleteItem",
        "dynamodb:Query",
        "dynamodb:GetItem",
      ]),
    );
    expect(dynamo?.Action.some((a) => a.includes("*") || /Scan|CreateTable|DeleteTable/.test(a))).toBe(false);
    const arns = JSON.stringify(dynamo?.Resource);
    for (const [name] of tables) expect(arns).toContain(`"${name}","Arn"`);
    for (const [table, spec] of Object.entries(DYNAMO_TABLES)) {
      if (TABLE_INDEXES[table as DynamoTable].length > 0) expect(arns).toContain(`\${${spec.resource}.Arn}/index/*`);
    }
  });
});
