import { and, desc, eq, max } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { workflowVersions } from "../../db/schema.js";
import { ConflictError } from "../../domain/errors.js";
import type { WorkflowVersion } from "../../domain/workflow-version.js";
import type { WorkflowVersionStore } from "../repository.js";
import { keysetPage } from "./keyset-page.js";
import { pointRead } from "./point-read.js";
import { fromRow } from "./row-mapping.js";
import { SPECS } from "./table-specs.js";
import { translated } from "./translate-error.js";
import { insertAudit, insertRecords } from "./versioned-write.js";

const ATTEMPTS = 5;

export function workflowVersionStore(db: Db): WorkflowVersionStore {
  const register: WorkflowVersionStore["register"] = async (candidate, audit) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await translated(() =>
          db.transaction(async (tx) => {
            const same = await tx
              .select()
              .from(workflowVersions)
              .where(
                and(
                  eq(workflowVersions.workflowId, candidate.workflowId),
                  eq(workflowVersions.contentHash, candidate.contentHash),
                ),
              );
            if (same[0]) return { version: fromRow<WorkflowVersion>(same[0]), created: false };
            const [latest] = await tx
              .select({ value: max(workflowVersions.version) })
              .from(workflowVersions)
              .where(eq(workflowVersions.workflowId, candidate.workflowId));
            const version: WorkflowVersion = { ...candidate, version: (latest?.value ?? 0) + 1 };
            await insertRecords(tx, workflowVersions, [version]);
            await insertAudit(tx, { ...audit, after: { version: version.version, contentHash: version.contentHash } });
            return { version, created: true };
          }),
        );
      } catch (error) {
        // A concurrent registration took the number (or published the same content): look again.
        if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
      }
    }
  };
  return {
    register,
    get: pointRead<WorkflowVersion>(db, workflowVersions, workflowVersions.workflowVersionId),
    async getLatest(workflowId) {
      const rows = await db
        .select()
        .from(workflowVersions)
        .where(eq(workflowVersions.workflowId, workflowId))
        .orderBy(desc(workflowVersions.version))
        .limit(1);
      return rows[0] ? fromRow<WorkflowVersion>(rows[0]) : undefined;
    },
    listByWorkflow: (workflowId, page) =>
      keysetPage<WorkflowVersion>(
        db,
        SPECS.workflowVersion,
        eq(workflowVersions.workflowId, workflowId),
        ["version"],
        page,
        "desc",
      ),
  };
}
