import { z } from "zod";
import { addMs, Duration, durationMs } from "../../domain/duration.js";
import { defineAction } from "./action-module.js";

export const delay = defineAction({
  type: "delay",
  description:
    "Waits for an ISO-8601 `duration` (a persisted timer, so a restart does not shorten or repeat it), " +
    "then passes its input on as its output.",
  config: z.strictObject({ duration: Duration }),
  example: { duration: "PT10M" },
  inline: true,
  async run({ config, now }) {
    return { status: "waiting", until: addMs(now, durationMs(config.duration) ?? 0) };
  },
});
