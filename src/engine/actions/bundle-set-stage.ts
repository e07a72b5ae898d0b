import { z } from "zod";
import { defineAction } from "./action-module.js";

export const bundleSetStage = defineAction({
  type: "bundle.set-stage",
  description:
    "Moves the run's bundle to `stage` (one of the workflow's stages), raising the usual stage-change " +
    "reminders. Output: `{stage, previousStage}`.",
  config: z.strictObject({ stage: z.string().regex(/^[a-z0-9-]+$/) }),
  example: { stage: "announced" },
  inline: true,
  checkAgainst: (config, definition) =>
    definition.stages.includes(config.stage)
      ? []
      : [`unknown stage '${config.stage}' (stages: ${definition.stages.join(", ")})`],
  async run({ config, bundle }) {
    if (!bundle.stages.includes(config.stage))
      return {
        status: "failed",
        error: { type: "ValidationError", code: "UNKNOWN_STAGE", message: `the bundle has no stage ${config.stage}` },
      };
    const output = { stage: config.stage, previousStage: bundle.stage };
    return { status: "completed", output, writes: { stage: config.stage } };
  },
});
