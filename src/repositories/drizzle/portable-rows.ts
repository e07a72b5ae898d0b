import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { PortableEntity } from "../../domain/export-names.js";
import { fieldPairs } from "../../domain/portable-record.js";
import { EXPORT_TABLES } from "./export-tables.js";
import type { TableSpec } from "./row-mapping.js";
import { canRender, type RowRecipe } from "./row-recipe.js";

/**
 * How one entity's rows become export lines inside the database read: the select list is a single
 * `ROW(...)::text` of the portable fields in export order, so the driver decodes one text value per
 * row instead of one typed value per column, and each field goes straight from Postgres's text
 * output to its JSON text (`renderRows` with the recipe). The lines equal `portableText` of the
 * records `list` returns.
 */
export type PortableRowPlan = {
  /** `ROW(...)::text` of the portable fields, in export order. */
  select: SQL<string>;
  recipe: RowRecipe;
};

function portableRowPlan(entity: PortableEntity, spec: TableSpec): PortableRowPlan {
  const columns = getTableColumns(spec.table);
  const pairs = fieldPairs(entity);
  const recipe: RowRecipe = { keys: [], columnTypes: [], idIndex: -1 };
  for (const [index, [field, name]] of pairs.entries()) {
    const column = columns[field];
    if (!column || !canRender(column.columnType))
      throw new Error(`${entity}.${field} has no column the export can render`);
    recipe.keys.push(`${index === 0 ? "{" : ","}${JSON.stringify(name)}:`);
    recipe.columnTypes.push(column.columnType);
    if (field === spec.idField) recipe.idIndex = index;
  }
  const selected = pairs.map(([field]) => columns[field]);
  return { select: sql<string>`row(${sql.join(selected, sql`, `)})::text`, recipe };
}

const plans = new Map<PortableEntity, PortableRowPlan>();
/** The entity's plan over its export table, built once. */
export function planOf(entity: PortableEntity): PortableRowPlan {
  let plan = plans.get(entity);
  if (!plan) {
    plan = portableRowPlan(entity, EXPORT_TABLES[entity]);
    plans.set(entity, plan);
  }
  return plan;
}
