import { z } from "zod";
import { Tags } from "../../domain/common.js";
import { idSchema } from "../../domain/ids.js";
import { plainTask } from "../../domain/task.js";
import { anchoredDate } from "../../services/anchored-date.js";
import { defineAction } from "./action-module.js";

export const taskCreate = defineAction({
  type: "task.create",
  description:
    "Adds a task to the run's bundle (due `offsetDays` after the anchor date). The run does not wait for it. " +
    "Output: `{taskId}`. A repeated delivery makes no second task.",
  config: z.strictObject({
    description: z.string().trim().min(1).max(2000),
    offsetDays: z.number().int().min(-3650).max(3650).default(0),
    assigneeId: idSchema("user").optional(),
    tags: Tags.default([]),
  }),
  example: { description: "Send the receipt to accounting", offsetDays: 1, tags: ["finance"] },
  inline: true,
  async run({ config, bundle, version, now, repo, derivedId, idempotencyKey }) {
    if (config.assigneeId && !(await repo.users.get(config.assigneeId)))
      return {
        status: "failed",
        error: { type: "ValidationError", code: "USER_NOT_FOUND", message: `user ${config.assigneeId} does not exist` },
      };
    const task = plainTask(now, {
      taskId: derivedId("task", `task.create|${idempotencyKey}`),
      bundleId: bundle.bundleId,
      workflowId: version.workflowId,
      workflowVersionId: version.workflowVersionId,
      taskOrder: bundle.taskCount,
      description: config.description,
      date: anchoredDate(bundle.anchorDate, config.offsetDays),
      assigneeId: config.assigneeId,
      tags: config.tags,
      source: "workflow",
    });
    return { status: "completed", output: { taskId: task.taskId }, writes: { tasks: [task] } };
  },
});
