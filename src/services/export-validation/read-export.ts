import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { sha256Of } from "../../domain/canonical-json.js";
import { exportFieldNames, PORTABLE_ENTITIES, type PortableEntity } from "../../domain/export-names.js";
import { EXPORT_SCHEMA_VERSION } from "../../domain/portable-record.js";
import type { ExportManifest } from "../export-store.js";
import type { Report } from "./findings.js";

/** The manifest, if it can be read and its own checksum holds (findings otherwise). */
export function readManifest(dir: string, report: Report): ExportManifest | undefined {
  let manifest: ExportManifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as ExportManifest;
  } catch (error) {
    report({
      code: "MANIFEST_UNREADABLE",
      message: `manifest.json cannot be read: ${(error as Error).message.split("\n")[0]}`,
    });
    return undefined;
  }
  const { manifest_checksum, ...body } = manifest;
  if (manifest_checksum !== sha256Of(body))
    report({ code: "MANIFEST_CHECKSUM", message: "manifest.json does not match its own checksum" });
  if (manifest.schema_version !== EXPORT_SCHEMA_VERSION) {
    report({ code: "SCHEMA_VERSION", message: `schema_version is not ${EXPORT_SCHEMA_VERSION}` });
  }
  return manifest;
}

export type Line = { line: number; record: Record<string, unknown>; portable: Record<string, unknown> };

/** Portable snake_case record -> runtime camelCase record; nulls are absent fields. */
function toRuntime(entity: PortableEntity, portable: Record<string, unknown>, report: Report, line: number) {
  const fields = Object.keys(PORTABLE_ENTITIES[entity].schema.shape);
  const names = exportFieldNames(entity);
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(portable)) {
    const index = names.indexOf(key);
    if (index < 0) {
      report({ code: "UNKNOWN_FIELD", entity, line, field: key, message: `${key} is not a field of ${entity}` });
      continue;
    }
    if (value !== null) record[fields[index] as string] = value;
  }
  return record;
}

/**
 * Every line of one entity file, parsed, with the file's checksum and line count checked against the
 * manifest once the file has been read through. Streams: memory stays flat however large the file.
 */
export async function* readEntity(
  dir: string,
  manifest: ExportManifest,
  entity: PortableEntity,
  report: Report,
  check: boolean,
): AsyncGenerator<Line> {
  const name = manifest.entity_files?.[entity] ?? `${entity}.jsonl`;
  const path = join(dir, name);
  if (!existsSync(path)) {
    if (check) report({ code: "FILE_MISSING", entity, message: `${name} is missing` });
    return;
  }
  const hash = createHash("sha256");
  const stream = createReadStream(path);
  stream.on("data", (chunk) => hash.update(chunk));
  let line = 0;
  let count = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    line++;
    if (text === "") continue;
    count++;
    let portable: unknown;
    try {
      portable = JSON.parse(text);
    } catch {
      if (check) report({ code: "LINE_NOT_JSON", entity, line, message: "the line is not JSON" });
      continue;
    }
    if (!portable || typeof portable !== "object" || Array.isArray(portable)) {
      if (check) report({ code: "LINE_NOT_JSON", entity, line, message: "the line is not a JSON object" });
      continue;
    }
    const muted: Report = check ? report : () => undefined;
    yield {
      line,
      portable: portable as Record<string, unknown>,
      record: toRuntime(entity, portable as Record<string, unknown>, muted, line),
    };
  }
  if (!check) return;
  if (manifest.checksums?.[name] !== `sha256:${hash.digest("hex")}`)
    report({ code: "FILE_CHECKSUM", entity, message: `${name} does not match its checksum in the manifest` });
  if (manifest.entity_counts?.[entity] !== count) {
    report({
      code: "COUNT_MISMATCH",
      entity,
      message: `${name} has ${count} records; the manifest says ${manifest.entity_counts?.[entity]}`,
    });
  }
}
