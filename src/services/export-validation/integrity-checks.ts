import type { PortableEntity } from "../../domain/export-names.js";
import { PORTABLE_REFERENCES, referencedIds } from "../../domain/portable-references.js";
import type { StorageProvider } from "../../domain/storage.js";
import { OWNED_PROVIDERS } from "../../domain/storage-policy.js";
import type { Report } from "./findings.js";

/** What the first pass remembers, so the second can check relationships and proof. */
export type ExportIndex = {
  ids: Map<PortableEntity, Set<string>>;
  tasksWithFiles: Set<string>;
  approvedArtifactOwners: Set<string>;
  bundleLinks: Map<string, { name: string; url: string }[]>;
  followUpReminders: Set<string>;
};

export function emptyIndex(): ExportIndex {
  return {
    ids: new Map(),
    tasksWithFiles: new Set(),
    approvedArtifactOwners: new Set(),
    bundleLinks: new Map(),
    followUpReminders: new Set(),
  };
}

type R = Record<string, unknown>;
const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");

/** Pass one, per record: duplicate IDs, the facts pass two needs, and checks that need only the record. */
export function firstPass(
  entity: PortableEntity,
  r: R,
  where: { line: number; id: string },
  index: ExportIndex,
  report: Report,
) {
  const ids = index.ids.get(entity) ?? new Set<string>();
  index.ids.set(entity, ids);
  if (ids.has(where.id)) report({ code: "DUPLICATE_ID", entity, ...where, message: "the ID appears more than once" });
  ids.add(where.id);
  if (entity === "files" && typeof r.taskId === "string") index.tasksWithFiles.add(r.taskId);
  if (entity === "bundles")
    index.bundleLinks.set(where.id, (r.links as { name: string; url: string }[] | undefined) ?? []);
  if (entity === "artifacts") {
    if (r.status === "approved")
      for (const owner of [r.taskId, r.bundleId])
        if (typeof owner === "string") index.approvedArtifactOwners.add(owner);
    if ((r.status === "approved" || r.status === "rejected" || r.reviewedBy) && !r.reviewedAt) {
      report({
        code: "REVIEW_WITHOUT_TIMESTAMP",
        entity,
        ...where,
        field: "reviewed_at",
        message: "a reviewed artifact has no reviewed_at",
      });
    }
    if (OWNED_PROVIDERS.includes(r.storageProvider as StorageProvider) && !r.checksum) {
      report({
        code: "OWNED_WITHOUT_CHECKSUM",
        entity,
        ...where,
        field: "checksum",
        message: "an s3 or local-dev artifact has no checksum",
      });
    }
  }
  if (entity === "tasks" && r.status === "waiting" && (!text(r.waitingFor) || !r.followUpAt)) {
    report({
      code: "WAITING_WITHOUT_FOLLOW_UP",
      entity,
      ...where,
      field: r.waitingFor ? "follow_up_at" : "waiting_for",
      message: "a waiting task needs waiting_for and follow_up_at",
    });
  }
  if (entity === "notifications" && r.type === "follow-up-due" && typeof r.taskId === "string") {
    const key = `${r.taskId}|${String(r.dueAt)}`;
    if (index.followUpReminders.has(key)) {
      report({
        code: "DUPLICATE_REMINDER",
        entity,
        ...where,
        message: "a second follow-up reminder for the same task and follow-up time",
      });
    }
    index.followUpReminders.add(key);
  }
}

/** Pass two, per record: every relationship resolves, and done tasks carry their proof. */
export function secondPass(
  entity: PortableEntity,
  portable: R,
  r: R,
  where: { line: number; id: string },
  index: ExportIndex,
  report: Report,
) {
  for (const [path, target] of Object.entries(PORTABLE_REFERENCES[entity] ?? {})) {
    for (const { field, id } of referencedIds(portable, path)) {
      if (index.ids.get(target)?.has(id)) continue;
      report({
        code: "DANGLING_REFERENCE",
        entity,
        ...where,
        field,
        message: `${field} names a ${target} record that is not in the export`,
      });
    }
  }
  if (entity === "tasks" && r.status === "done") {
    const missing = missingProof(r, index);
    if (missing)
      report({
        code: "DONE_WITHOUT_PROOF",
        entity,
        ...where,
        field: missing,
        message: `a done task lacks its required proof (${missing})`,
      });
  }
}

function missingProof(r: R, index: ExportIndex): string | undefined {
  const isUrl = (value: unknown) => /^https?:\/\/\S+$/i.test(text(value));
  if (r.requiredLinkName && !isUrl(r.link)) return "link";
  if (r.requiresFile && !index.tasksWithFiles.has(String(r.taskId))) return "file";
  const links = index.bundleLinks.get(String(r.bundleId)) ?? [];
  for (const name of (r.validation as { requiredBundleLinks?: string[] } | undefined)?.requiredBundleLinks ?? []) {
    if (!text(links.find((link) => link.name === name)?.url)) return `bundle link ${name}`;
  }
  const proof = r.proofRequirement as { type: string; required?: boolean } | undefined;
  if (!proof || proof.required === false) return undefined;
  const ok = {
    url: () => isUrl(r.link),
    comment: () => text(r.comment) !== "",
    "external-status": () => text(r.externalStatus) !== "",
    file: () => index.tasksWithFiles.has(String(r.taskId)),
    artifact: () =>
      index.approvedArtifactOwners.has(String(r.taskId)) || index.approvedArtifactOwners.has(String(r.bundleId)),
  }[proof.type];
  return ok && !ok() ? `${proof.type} proof` : undefined;
}
