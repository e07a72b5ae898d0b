import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Task } from "../../src/domain/task.js";
import { exportStore } from "../../src/services/export-store.js";
import { validateExport } from "../../src/services/export-validation/validate-export.js";
import { type Harness, startHarness } from "../http/harness.js";
import { type Backend, dynamoBackend, pgliteBackend } from "../support/backends.js";

/** Deterministic choices, so a failure replays. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  return { next, pick: <T>(items: T[]) => items[Math.floor(next() * items.length)] as T };
}

for (const backend of [pgliteBackend, dynamoBackend] as Backend[]) {
  describe(`random operations on ${backend.name}`, () => {
    let h: Harness;
    let scratch: string;
    beforeAll(async () => {
      h = await startHarness(backend);
      scratch = mkdtempSync(join(tmpdir(), "random-ops-"));
    });
    afterAll(async () => {
      rmSync(scratch, { recursive: true, force: true });
      await h.close();
    });

    it("never writes anything its own export validator rejects", async () => {
      const rnd = seeded(backend.name === "pglite" ? 7 : 11);
      const workflows = ["podcast-episode", "newsletter-issue", "tax-report"];
      const dates = ["2026-02-20", "2026-03-01", "2026-03-02", "2026-03-10"];
      const task = async () => {
        const { body } = await h.call("GET", `/api/tasks?date=${rnd.pick(dates)}`);
        const items = (body.items ?? []) as Task[];
        return items.length > 0 ? rnd.pick(items) : undefined;
      };
      const act = (t: Task, action: string, extra: object = {}) =>
        h.call("POST", `/api/tasks/${t.taskId}/${action}`, {
          as: "operator",
          body: { expectedVersion: t.version, ...extra },
        });
      const statuses: number[] = [];
      for (let i = 0; i < 300; i++) {
        const roll = rnd.next();
        let res: { status: number } | undefined;
        if (roll < 0.08)
          res = await h.call("POST", "/api/bundles", {
            body: { workflowId: rnd.pick(workflows), title: `Run ${i}`, anchorDate: rnd.pick(dates) },
          });
        else if (roll < 0.18)
          res = await h.call("POST", "/api/tasks", {
            as: "operator",
            body: {
              description: `Task ${i}`,
              date: rnd.pick(dates),
              proofRequirement: rnd.next() < 0.5 ? { type: "comment", label: "Note", required: true } : undefined,
            },
          });
        else {
          const t = await task();
          if (!t) continue;
          const r = rnd.next();
          if (r < 0.2)
            res = await act(t, "mark-waiting", { waitingFor: "Someone", followUpAt: "2026-03-05T10:00:00.000Z" });
          else if (r < 0.3)
            res = await act(t, "follow-up-sent", { note: "pinged", nextFollowUpAt: "2026-03-06T10:00:00.000Z" });
          else if (r < 0.4) res = await act(t, "response-received");
          else if (r < 0.55)
            res = await act(
              t,
              "complete",
              rnd.next() < 0.6 ? { link: "https://example.com/proof", comment: "done", externalStatus: "live" } : {},
            );
          else if (r < 0.62)
            res = await act(t, "resolve-done", {
              link: "https://example.com/proof",
              comment: "done",
              externalStatus: "live",
            });
          else if (r < 0.7) res = await act(t, "reopen");
          else if (r < 0.8) {
            const created = await h.call("POST", "/api/artifacts", {
              as: "operator",
              body: {
                type: "report",
                title: "Proof",
                storageUri: "https://docs.example.com/p",
                taskId: t.taskId,
                bundleId: t.bundleId,
              },
            });
            res =
              created.status === 201
                ? await h.call("POST", `/api/artifacts/${created.body.artifactId}/approve`, {
                    as: "operator",
                    body: { expectedVersion: 1 },
                  })
                : created;
          } else if (r < 0.87) {
            const form = new FormData();
            form.set("taskId", t.taskId);
            form.set("file", new File([new Uint8Array([i % 256])], `f${i}.bin`));
            res = await h.app.request("/api/files", {
              method: "POST",
              body: form,
              headers: { authorization: `Bearer ${h.tokens.operator}` },
            });
          } else if (r < 0.93) res = await h.call("DELETE", `/api/tasks/${t.taskId}?expectedVersion=${t.version}`);
          else
            res = await h.call("PATCH", `/api/tasks/${t.taskId}`, {
              as: "operator",
              body: { expectedVersion: t.version, comment: rnd.next() < 0.5 ? "" : "edited", link: "" },
            });
        }
        if (res) statuses.push(res.status);
      }
      expect(statuses.every((s) => s < 500)).toBe(true);
      expect(statuses.filter((s) => s < 300).length).toBeGreaterThan(100);
      const out = join(scratch, "export");
      await exportStore(
        h.repo,
        out,
        { backend: backend.name, environment: "test", gitSha: "x" },
        "2026-03-02T09:00:00.000Z",
      );
      expect(await validateExport(out)).toEqual([]);
    });
  });
}
