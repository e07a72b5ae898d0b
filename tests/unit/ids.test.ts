import { describe, expect, it } from "vitest";
import { createIdGenerator, idSchema } from "../../src/domain/ids.js";

describe("ids", () => {
  it("are prefixed, valid for their kind, and sort in minting order within one millisecond", () => {
    const ids = createIdGenerator(() => 1_760_000_000_000);
    const minted = Array.from({ length: 500 }, () => ids.next("task"));
    expect(minted.every((id) => idSchema("task").safeParse(id).success)).toBe(true);
    expect([...minted].sort()).toEqual(minted);
    expect(new Set(minted).size).toBe(500);
  });

  it("sort by time across milliseconds, even when the clock steps back", () => {
    let now = 2_000;
    const ids = createIdGenerator(() => now);
    const first = ids.next("bundle");
    now = 1_000;
    const second = ids.next("bundle");
    now = 3_000;
    const third = ids.next("bundle");
    expect([first, second, third].sort()).toEqual([first, second, third]);
  });

  it("refuses IDs of another kind or with upper case", () => {
    expect(idSchema("task").safeParse("bnd_01abc").success).toBe(false);
    expect(idSchema("user").safeParse("usr_Host").success).toBe(false);
    expect(idSchema("user").safeParse("usr_host").success).toBe(true);
  });
});
