import { createRoute } from "@hono/zod-openapi";
import { ExpectedVersionQuery, ListTasksQuery, PageOnlyQuery } from "../domain/list-queries.js";
import { Task, TaskEvent } from "../domain/task.js";
import { CreateTaskInput, UpdateTaskInput } from "../domain/task-input.js";
import { createTask } from "../services/create-task.js";
import { deleteTask } from "../services/delete-task.js";
import { getTask, listTaskEvents, listTasks } from "../services/task-queries.js";
import { updateTask } from "../services/update-task.js";
import { router } from "./app-env.js";
import { access, body, IdParams, json, pageOf, responses } from "./route-kit.js";

const params = IdParams;

export function taskRoutes() {
  return router()
    .openapi(
      createRoute({
        method: "post",
        path: "/api/tasks",
        summary: "Create a task",
        ...access("operator"),
        request: body(CreateTaskInput),
        responses: responses({ 201: json(Task, "Created") }),
      }),
      async (c) => c.json(await createTask(c.var.ctx, c.req.valid("json")), 201),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/tasks",
        summary: "List tasks by exactly one selector",
        ...access("viewer"),
        request: { query: ListTasksQuery },
        responses: responses({ 200: json(pageOf(Task)) }),
      }),
      async (c) => c.json(await listTasks(c.var.ctx, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/tasks/{id}",
        summary: "Get a task",
        ...access("viewer"),
        request: { params },
        responses: responses({ 200: json(Task) }),
      }),
      async (c) => c.json(await getTask(c.var.ctx, c.req.valid("param").id), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/tasks/{id}/events",
        summary: "A task's history, oldest first",
        ...access("viewer"),
        request: { params, query: PageOnlyQuery },
        responses: responses({ 200: json(pageOf(TaskEvent)) }),
      }),
      async (c) => c.json(await listTaskEvents(c.var.ctx, c.req.valid("param").id, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/api/tasks/{id}",
        summary: "Edit a task (never its status; gates: admin only)",
        ...access("operator"),
        request: { params, ...body(UpdateTaskInput) },
        responses: responses({ 200: json(Task) }),
      }),
      async (c) => c.json(await updateTask(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/api/tasks/{id}",
        summary: "Delete a task (admin or its creator)",
        ...access("operator"),
        request: { params, query: ExpectedVersionQuery },
        responses: responses({ 204: { description: "Deleted" } }),
      }),
      async (c) => {
        await deleteTask(c.var.ctx, c.req.valid("param").id, c.req.valid("query").expectedVersion);
        return c.body(null, 204);
      },
    );
}
