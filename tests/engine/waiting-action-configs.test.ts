import { describe, expect, it } from "vitest";
import { assistantJobCreate } from "../../src/engine/actions/assistant-job-create.js";
import { eventEmit } from "../../src/engine/actions/event-emit.js";
import { eventWait } from "../../src/engine/actions/event-wait.js";

const accepts = (module: { config: { safeParse(v: unknown): { success: boolean } } }, config: unknown) =>
  module.config.safeParse(config).success;

describe("the configs of actions that wait or publish", () => {
  it("event.wait needs an exact type and a timeout, and looks at most every 5 seconds", () => {
    const ok = { eventPattern: "order.reply", timeout: "PT1H" };
    expect(accepts(eventWait, ok)).toBe(true);
    expect(accepts(eventWait, { ...ok, eventPattern: { type: "order.reply", data: { id: [1] } } })).toBe(true);
    expect(accepts(eventWait, { eventPattern: "order.reply" })).toBe(false);
    expect(accepts(eventWait, { ...ok, eventPattern: "order.*" })).toBe(false);
    expect(accepts(eventWait, { ...ok, pollEvery: "PT4S" })).toBe(false);
    expect(accepts(eventWait, { ...ok, pollEvery: "PT5S" })).toBe(true);
    expect(accepts(eventWait, { ...ok, match: "event.data.id ==" })).toBe(false);
  });

  it("assistant-job.create takes the seed's AI actions and looks at most every 30 seconds", () => {
    const ok = { assistantType: "moderate", title: "Check the comments" };
    expect(accepts(assistantJobCreate, ok)).toBe(true);
    expect(accepts(assistantJobCreate, { ...ok, assistantType: "summon" })).toBe(false);
    expect(accepts(assistantJobCreate, { ...ok, pollEvery: "PT29S" })).toBe(false);
    expect(accepts(assistantJobCreate, { ...ok, pollEvery: "PT30S" })).toBe(true);
  });

  it("event.emit takes static data or a transform, not both", () => {
    expect(accepts(eventEmit, { type: "a.b", data: { x: 1 } })).toBe(true);
    expect(accepts(eventEmit, { type: "a.b", transform: { type: "jmespath", expression: "input" } })).toBe(true);
    expect(accepts(eventEmit, { type: "a.b", data: {}, transform: { type: "jmespath", expression: "input" } })).toBe(
      false,
    );
    expect(accepts(eventEmit, { type: "a..b" })).toBe(false);
  });
});
