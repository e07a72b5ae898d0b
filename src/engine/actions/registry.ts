import type { TaskAction, WorkflowDefinition } from "../../domain/workflow-definition.js";
import type { ActionModule } from "./action-module.js";
import { assistantJobCreate } from "./assistant-job-create.js";
import { bundleSetStage } from "./bundle-set-stage.js";
import { delay } from "./delay.js";
import { emailSend } from "./email-send.js";
import { eventEmit } from "./event-emit.js";
import { eventWait } from "./event-wait.js";
import { httpRequest } from "./http-request.js";
import { notificationCreate } from "./notification-create.js";
import { taskCreate } from "./task-create.js";
import { variablesSet } from "./variables-set.js";

/** Every action a workflow can name, by type. docs/workflow-actions.md is generated from this list. */
export const ACTIONS: readonly ActionModule<never>[] = [
  variablesSet,
  delay,
  taskCreate,
  notificationCreate,
  bundleSetStage,
  httpRequest,
  emailSend,
  eventEmit,
  eventWait,
  assistantJobCreate,
] as unknown as ActionModule<never>[];

const BY_TYPE = new Map(ACTIONS.map((module) => [module.type, module as ActionModule<unknown>]));

export function actionNamed(type: string): ActionModule<unknown> | undefined {
  return BY_TYPE.get(type);
}

/** What is wrong with an automated task's action in this workflow (unknown type, bad config). */
export function actionProblems(action: TaskAction, definition: WorkflowDefinition): string[] {
  const module = actionNamed(action.type);
  if (!module) return [`unknown action type '${action.type}' (known: ${[...BY_TYPE.keys()].join(", ")})`];
  const parsed = module.config.safeParse(action.config);
  if (!parsed.success)
    return parsed.error.issues.map((i) => `config${i.path.length ? `.${i.path.join(".")}` : ""}: ${i.message}`);
  return module.checkAgainst?.(parsed.data, definition) ?? [];
}
