import { describe, expect, it } from "vitest";
import { applyTransform, TransformError, transformProblem } from "../../src/transform/apply-transform.js";

const event = {
  id: "evt-1",
  type: "podcast.recording.uploaded",
  source: "studio",
  time: "2026-11-24T10:00:00.000Z",
  data: {
    episode: 42,
    title: "Forty-two",
    files: [
      { name: "a.wav", bytes: 10 },
      { name: "b.wav", bytes: 5 },
    ],
  },
};

describe("transforms", () => {
  it("map an event to a run input with JSONata", async () => {
    const result = await applyTransform(
      {
        type: "jsonata",
        expression:
          '{"episode": data.episode, "title": $uppercase(data.title), "bytes": $sum(data.files.bytes), "from": source}',
      },
      event,
    );
    expect(result).toEqual({ episode: 42, title: "FORTY-TWO", bytes: 15, from: "studio" });
  });

  it("map an event to a run input with JMESPath", async () => {
    const result = await applyTransform(
      { type: "jmespath", expression: "{episode: data.episode, names: data.files[*].name, id: id}" },
      event,
    );
    expect(result).toEqual({ episode: 42, names: ["a.wav", "b.wav"], id: "evt-1" });
  });

  it("give null when nothing matches", async () => {
    expect(await applyTransform({ type: "jsonata", expression: "data.missing" }, event)).toBeNull();
    expect(await applyTransform({ type: "jmespath", expression: "data.missing" }, event)).toBeNull();
  });

  it("report expressions that do not parse", () => {
    expect(transformProblem({ type: "jsonata", expression: "{'a': " })).toMatch(/does not parse/);
    expect(transformProblem({ type: "jmespath", expression: "data.[" })).toMatch(/does not parse/);
    expect(transformProblem({ type: "jsonata", expression: "data.episode" })).toBeUndefined();
  });

  it("stop a runaway JSONata expression", async () => {
    const loop = { type: "jsonata" as const, expression: "($f := function($x){ $f($x + 1) }; $f(0))" };
    await expect(applyTransform(loop, event)).rejects.toBeInstanceOf(TransformError);
  });
});
