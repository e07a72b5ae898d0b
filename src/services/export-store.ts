import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { sha256Of } from "../domain/canonical-json.js";
import { ConflictError } from "../domain/errors.js";
import { PORTABLE_ENTITIES, type PortableEntity } from "../domain/export-names.js";
import { EXPORT_FORMAT_VERSION, EXPORT_SCHEMA_VERSION, OMITTED_ENTITIES } from "../domain/portable-record.js";
import { exportPageLimit } from "../repositories/pagination.js";
import type { ExportLines, Repository } from "../repositories/repository.js";

export type ExportSource = { backend: string; environment: string; gitSha: string };
export type ExportManifest = {
  schema_version: string;
  export_format_version: number;
  generated_at: string;
  source: { backend: string; environment: string; git_sha: string };
  entity_files: Record<string, string>;
  entity_counts: Record<string, number>;
  checksums: Record<string, string>;
  redactions: { entity: string; field: string; reason: string }[];
  omitted_entities: { entity: string; reason: string }[];
  manifest_checksum: string;
};

/** An entity's canonical export text, one page of JSONL at a time, ascending by ID. */
export function portablePages(repo: Repository, entity: PortableEntity): AsyncIterable<ExportLines> {
  return repo.exports.pages(entity, exportPageLimit(entity));
}

/** Streams one entity to `<entity>.jsonl`, hashing as it writes. */
async function exportEntity(
  repo: Repository,
  entity: PortableEntity,
  file: string,
): Promise<{ count: number; checksum: string }> {
  const out = createWriteStream(file);
  const hash = createHash("sha256");
  let count = 0;
  try {
    for await (const page of portablePages(repo, entity)) {
      const bytes = Buffer.from(page.text); // encoded once, for the hash and the file
      hash.update(bytes);
      count += page.count;
      if (!out.write(bytes)) await once(out, "drain");
    }
  } finally {
    out.end();
    await once(out, "close");
  }
  return { count, checksum: `sha256:${hash.digest("hex")}` };
}

/**
 * Writes a portable export of the whole store into `outDir`: one JSONL file per entity, sorted by ID,
 * and manifest.json. Everything is written into a hidden sibling directory that is renamed into
 * place last, so an interrupted export never leaves a directory that looks complete.
 */
export async function exportStore(
  repo: Repository,
  outDir: string,
  source: ExportSource,
  now: string,
): Promise<ExportManifest> {
  if (existsSync(outDir)) throw new ConflictError(`${outDir} already exists; exports never overwrite`, { outDir });
  await mkdir(dirname(outDir), { recursive: true });
  const partial = join(dirname(outDir), `.${basename(outDir)}.partial-${randomBytes(4).toString("hex")}`);
  await mkdir(partial);
  try {
    const files: Record<string, string> = {};
    const counts: Record<string, number> = {};
    const checksums: Record<string, string> = {};
    for (const entity of Object.keys(PORTABLE_ENTITIES) as PortableEntity[]) {
      const name = `${entity}.jsonl`;
      const { count, checksum } = await exportEntity(repo, entity, join(partial, name));
      files[entity] = name;
      counts[entity] = count;
      checksums[name] = checksum;
    }
    const body = {
      schema_version: EXPORT_SCHEMA_VERSION,
      export_format_version: EXPORT_FORMAT_VERSION,
      generated_at: now,
      source: { backend: source.backend, environment: source.environment, git_sha: source.gitSha },
      entity_files: files,
      entity_counts: counts,
      checksums,
      redactions: [],
      omitted_entities: OMITTED_ENTITIES.map((o) => ({ ...o })),
    };
    const manifest: ExportManifest = { ...body, manifest_checksum: sha256Of(body) };
    await writeFile(join(partial, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(partial, outDir);
    return manifest;
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}
