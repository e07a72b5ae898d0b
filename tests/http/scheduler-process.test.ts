import { afterEach, describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "../support/server-process.js";

const waitFor = async <T>(probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

describe("the scheduler as a process", () => {
  let proc: ServerProcess | undefined;
  afterEach(async () => {
    await proc?.stop();
    proc = undefined;
  });

  it("runs inside npm start by default: a task due today is reminded with no second process", async () => {
    proc = await startServerProcess({ SCHEDULER_INTERVAL_SECONDS: "1" });
    const auth = { authorization: `Bearer ${proc.adminToken}`, "content-type": "application/json" };
    const today = new Date().toISOString().slice(0, 10);
    const created = await fetch(`${proc.url}/api/tasks`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ description: "Due today", date: today }),
    });
    expect(created.status).toBe(201);
    const { taskId } = (await created.json()) as { taskId: string };
    const reminder = await waitFor(async () => {
      const res = await fetch(`${proc?.url}/api/notifications`, { headers: auth });
      const { items } = (await res.json()) as { items: { type: string; taskId?: string }[] };
      return items.find((n) => n.type === "task-due" && n.taskId === taskId);
    });
    expect(reminder).toBeDefined();
    expect(proc.stdout()).toContain('"msg":"scheduler started"');
  });

  it("npm run scheduler ticks on its own and stops cleanly on SIGTERM", async () => {
    proc = await startServerProcess(
      { SCHEDULER_INTERVAL_SECONDS: "1", LOG_LEVEL: "debug" },
      { script: "src/cli/scheduler.ts", readyWhen: '"msg":"scheduler tick"' },
    );
    proc.signal("SIGTERM");
    expect(await proc.exited).toBe(0);
    expect(proc.stdout()).toContain('"msg":"stopped"');
  });
});
