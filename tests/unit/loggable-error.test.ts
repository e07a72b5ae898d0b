import { describe, expect, it } from "vitest";
import { loggableError } from "../../src/routes/loggable-error.js";

describe("the 500 log line", () => {
  it("keeps names, messages, codes and frames through the cause chain, but never a query's parameters", () => {
    const cause = Object.assign(new Error("date/time field value out of range"), { code: "22008" });
    const failed = new Error('Failed query: insert into "tasks" values ($1, $2)\nparams: tsk_1,secret-note', { cause });
    const line = loggableError(failed);
    expect(line).toContain('Failed query: insert into "tasks" values ($1, $2)');
    expect(line).toContain("caused by: Error [22008]: date/time field value out of range");
    expect(line).toMatch(/\n\s+at /);
    expect(line).not.toContain("secret-note");
    expect(line).not.toContain("params:");
  });
});
