import { TEXT_TO_JSON, type TextToJson } from "./postgres-text-json.js";
import { RowLiteralReader } from "./row-literal.js";

/**
 * What turning one entity's row literals into export lines needs, as plain data: the export key of
 * each field (`{"task_id":`, `,"bundle_id":`, ...), the Drizzle column type that says how its text
 * becomes JSON, and which field is the ID. The render thread receives it with each page, so it loads
 * only this file and the two it imports, not the schema.
 */
export type RowRecipe = { keys: string[]; columnTypes: string[]; idIndex: number };
export type RenderedLines = { text: string; count: number; lastId: string };

/** Whether a column type has a renderer; the plan checks every field at start-up. */
export const canRender = (columnType: string): boolean => columnType in TEXT_TO_JSON;

/** Export lines of row literals joined by `separator`, and the ID of the last. */
export function renderRows(recipe: RowRecipe, literals: string, separator: string): RenderedLines {
  const { keys, idIndex } = recipe;
  const renderers = recipe.columnTypes.map((type) => TEXT_TO_JSON[type] as TextToJson);
  const width = keys.length;
  const nulls = keys.map((key) => `${key}null`);
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
}
