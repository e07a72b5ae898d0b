import { createRoute } from "@hono/zod-openapi";
import { Task } from "../domain/task.js";
import { TRANSITION_INPUTS, type TransitionName } from "../domain/task-input.js";
import { transitionTask } from "../services/transition-task.js";
import { router } from "./app-env.js";
import { access, body, IdParams, json, responses } from "./route-kit.js";

const SUMMARIES: Record<TransitionName, string> = {
  complete: "Complete a todo task: saves the proof fields given and checks every gate in one step",
  reopen: "Reopen a done task (reactivates a completed bundle)",
  "mark-waiting": "Wait on someone: the task stays open with a follow-up time",
  "follow-up-sent": "Record a follow-up and the next follow-up time",
  "response-received": "The awaited response came: back to todo, waiting fields cleared",
  "resolve-done": "Finish a waiting task through the proof gates",
};

/** POST /api/tasks/{id}/<action>: one route per transition of the task state machine. */
export function taskTransitionRoutes() {
  const app = router();
  for (const name of Object.keys(TRANSITION_INPUTS) as TransitionName[]) {
    app.openapi(
      createRoute({
        method: "post",
        path: `/api/tasks/{id}/${name}`,
        summary: SUMMARIES[name],
        ...access("operator"),
        request: { params: IdParams, ...body(TRANSITION_INPUTS[name]) },
        responses: responses({ 200: json(Task) }),
      }),
      async (c) => c.json(await transitionTask(c.var.ctx, c.req.valid("param").id, name, c.req.valid("json")), 200),
    );
  }
  return app;
}
