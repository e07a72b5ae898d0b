import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { PortableEntity } from "../../domain/export-names.js";
import { fieldPairs } from "../../domain/portable-record.js";
import { EXPORT_TABLES } from "./export-tables.js";
import { TEXT_TO_JSON, type TextToJson } from "./postgres-text-json.js";
import { RowLiteralReader } from "./row-literal.js";
import type { TableSpec } from "./row-mapping.js";

/**
 * How one entity's rows become export lines inside the database read: the select list is a single
 * `ROW(...)::text` of the portable fields in export order, so the driver decodes one text value per
 * row instead of one typed value per column, and each field goes straight from Postgres's text
 * output to its JSON text. The lines equal `portableText` of the records `list` returns.
 */
export type PortableRowPlan = {
  /** `ROW(...)::text` of the portable fields, in export order. */
  select: SQL<string>;
  /** Export lines of row literals joined by `separator`, and the ID of the last. */
  render(literals: string, separator: string): { text: string; count: number; lastId: string };
};

function portableRowPlan(entity: PortableEntity, spec: TableSpec): PortableRowPlan {
  const columns = getTableColumns(spec.table);
  const pairs = fieldPairs(entity);
  const renderers: TextToJson[] = [];
  const keys: string[] = [];
  for (const [index, [field, name]] of pairs.entries()) {
    const column = columns[field];
    const render = column && TEXT_TO_JSON[column.columnType];
    if (!column || !render) throw new Error(`${entity}.${field} has no column the export can render`);
    renderers.push(render);
    keys.push(`${index === 0 ? "{" : ","}${JSON.stringify(name)}:`);
  }
  const idIndex = pairs.findIndex(([field]) => field === spec.idField);
  const selected = pairs.map(([field]) => columns[field]);
  const width = keys.length;
  const nulls = keys.map((key) => `${key}null`);
  return {
    select: sql<string>`row(${sql.join(selected, sql`, `)})::text`,
    render(literals, separator) {
      // One reused parts array joined per line: a flat string per line, not a rope of small pieces.
      const parts: string[] = new Array(width + 1).fill("");
      parts[width] = "}\n";
      const lines: string[] = [];
      let lastId = "";
      const reader = new RowLiteralReader(literals);
      while (!reader.done) {
        reader.open();
        for (let i = 0; i < width; i++) {
          const value = reader.field(i === width - 1);
          parts[i] = value === null ? (nulls[i] as string) : (keys[i] as string) + (renderers[i] as TextToJson)(value);
          if (i === idIndex) lastId = value ?? "";
        }
        reader.close(separator);
        lines.push(parts.join(""));
      }
      return { text: lines.join(""), count: lines.length, lastId };
    },
  };
}

const plans = new Map<PortableEntity, PortableRowPlan>();
/** The entity's plan over its export table, built once per thread (the render worker has its own). */
export function planOf(entity: PortableEntity): PortableRowPlan {
  let plan = plans.get(entity);
  if (!plan) {
    plan = portableRowPlan(entity, EXPORT_TABLES[entity]);
    plans.set(entity, plan);
  }
  return plan;
}
