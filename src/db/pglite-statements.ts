import { type PGlite, types } from "@electric-sql/pglite";
import { serialize } from "pg-protocol";
import { MAX_STATEMENTS, worthPreparing } from "./statement-policy.js";

/**
 * Named prepared statements for PGlite. Its `query` sends every statement as new (parse, describe,
 * bind, describe, execute, sync: six calls into WebAssembly), and Postgres plans it again, reading
 * each table's and index's size from the file system as it does. Here a statement is parsed and
 * described once per database; each run after that is one call: bind, execute, sync.
 */
type Field = { name: string; dataTypeID: number };
type Statement = { name: string; paramTypes: number[]; fields: Field[] };
export type QueryResult = { rows: unknown[]; fields: Field[]; affectedRows: number };
type Message = { name: string; fields?: unknown[]; dataTypeIDs?: number[]; text?: string };

export class PgliteStatements {
  #statements = new Map<string, Statement>();
  /** Never reused: a name whose parse half-failed must not be asked for again. */
  #named = 0;

  constructor(private readonly db: PGlite) {}

  /** Whether `text` with these parameters runs as a prepared statement (else PGlite's own query). */
  accepts(text: string, params: readonly unknown[]): boolean {
    if (!worthPreparing(text, params.length)) return false;
    return this.#statements.has(text) || this.#statements.size < MAX_STATEMENTS;
  }

  /**
   * Runs `text`, as PGlite's `query` would answer it. The caller holds PGlite's query lock (and its
   * transaction lock when outside a transaction), as `query` takes them. `sync` writes to the file
   * system afterwards, as `query` does outside a transaction.
   */
  async run(text: string, params: readonly unknown[], rowMode: "array" | "object", sync: boolean) {
    const statement = await this.#prepare(text);
    const values = params.map((value, i) => serializeParam(this.db, value, statement.paramTypes[i]));
    const message = concat([
      serialize.bind({ statement: statement.name, values }),
      serialize.execute({}),
      serialize.sync(),
    ]);
    const { messages } = await this.db.execProtocol(message, { syncToFs: sync });
    return resultOf(this.db, messages as Message[], statement.fields, rowMode);
  }

  async #prepare(text: string): Promise<Statement> {
    const known = this.#statements.get(text);
    if (known) return known;
    const name = `we_${this.#named++}`;
    const { messages } = await this.db.execProtocol(
      concat([serialize.parse({ name, text }), serialize.describe({ type: "S", name }), serialize.sync()]),
      { syncToFs: false },
    );
    const described = messages as Message[];
    const statement: Statement = {
      name,
      paramTypes: described.find((m) => m.name === "parameterDescription")?.dataTypeIDs ?? [],
      fields: ((described.find((m) => m.name === "rowDescription")?.fields ?? []) as Field[]).map((f) => ({
        name: f.name,
        dataTypeID: f.dataTypeID,
      })),
    };
    this.#statements.set(text, statement);
    return statement;
  }
}

/** A parameter as PGlite's `query` sends it: by the serializer of its described type, else as text. */
function serializeParam(db: PGlite, value: unknown, type: number | undefined): string | null {
  if (value === null || value === undefined) return null;
  const serializer = type === undefined ? undefined : db.serializers[type];
  return serializer ? serializer(value) : String(value);
}

function resultOf(db: PGlite, messages: Message[], fields: Field[], rowMode: "array" | "object"): QueryResult {
  const rows: unknown[] = [];
  let affectedRows = 0;
  for (const message of messages) {
    if (message.name === "dataRow") {
      const values = (message.fields ?? []).map((value, i) =>
        types.parseType(value as string | null, fields[i]?.dataTypeID ?? 0, db.parsers),
      );
      rows.push(rowMode === "array" ? values : Object.fromEntries(fields.map((f, i) => [f.name, values[i]])));
    } else if (message.name === "commandComplete" && /^(INSERT|UPDATE|DELETE|MERGE) /.test(message.text ?? "")) {
      affectedRows += Number(message.text?.split(" ").at(-1)) || 0;
    }
  }
  return { rows, fields, affectedRows };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
