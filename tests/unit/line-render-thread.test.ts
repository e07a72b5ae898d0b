import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it, vi } from "vitest";
import { LineRenderThread } from "../../src/repositories/drizzle/line-render-thread.js";
import { planOf } from "../../src/repositories/drizzle/portable-rows.js";
import { renderRows } from "../../src/repositories/drizzle/row-recipe.js";

const literals = [
  '(usr_a,"Ann ""A""",ann@example.com,member,f,1,"2026-07-01 09:00:00+00","2026-07-01 09:00:00.5+00")',
  '(usr_b,"back\\\\slash",b@example.com,admin,t,2,"2026-07-01 09:00:00+00","2026-07-01 09:00:00+00")',
].join("\n");

const users = planOf("users").recipe;

describe("export render thread", () => {
  const thread = new LineRenderThread();
  afterAll(() => thread.close());

  it("renders a page off the main thread exactly as the plan does on it", async () => {
    expect(thread.offThread).toBe(false);
    await thread.ready();
    expect(thread.offThread).toBe(true);
    const here = renderRows(users, literals, "\n");
    expect(here.count).toBe(2);
    expect(here.text).toContain('"name":"Ann \\"A\\""');
    expect(await thread.render(users, literals, "\n")).toEqual(here);
  });

  it("fails a page it cannot read with the reader's error, and goes on rendering the next", async () => {
    await expect(thread.render(users, "(usr_a,unterminated", "\n")).rejects.toThrow(/row literal/);
    expect((await thread.render(users, literals, "\n")).count).toBe(2);
  });

  it("starts again after close, rendering on the caller's thread until the new one is up", async () => {
    await thread.close();
    expect(thread.offThread).toBe(false);
    expect((await thread.render(users, literals, "\n")).count).toBe(2);
    await thread.ready();
    expect(thread.offThread).toBe(true);
  });

  it("starts the thread by itself only once an export has rendered more than a few pages", async () => {
    const fresh = new LineRenderThread();
    try {
      for (let page = 0; page < 8; page++) await fresh.render(users, literals, "\n");
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(fresh.offThread).toBe(false);
      await fresh.render(users, literals, "\n");
      await fresh.ready();
      expect(fresh.offThread).toBe(true);
    } finally {
      await fresh.close();
    }
    expect((await thread.render(users, literals, "\n")).lastId).toBe("usr_b");
  });

  it("gives up on a thread that cannot start or stops before it loads, and renders every page in place", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const starts = { throwing: 0, crashing: 0 };
      const starters = {
        throwing: () => {
          starts.throwing++;
          throw new Error("Cannot find package 'tsx'");
        },
        crashing: () => {
          starts.crashing++;
          return new Worker("throw new Error('no renderer here')", { eval: true });
        },
      };
      for (const kind of ["throwing", "crashing"] as const) {
        const broken = new LineRenderThread(starters[kind]);
        try {
          for (let page = 0; page < 9; page++) await broken.render(users, literals, "\n");
          await broken.ready();
          for (let page = 0; page < 20; page++) {
            expect(await broken.render(users, literals, "\n")).toEqual(renderRows(users, literals, "\n"));
          }
          expect([kind, broken.offThread, starts[kind]]).toEqual([kind, false, 1]);
        } finally {
          await broken.close();
        }
      }
      expect(warn.mock.calls.map(([message]) => String(message))).toEqual([
        "export render thread unavailable (Cannot find package 'tsx'); rendering on the main thread",
        "export render thread unavailable (no renderer here); rendering on the main thread",
      ]);
    } finally {
      warn.mockRestore();
    }
  });
});
