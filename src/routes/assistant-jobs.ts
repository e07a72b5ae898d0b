import { createRoute, z } from "@hono/zod-openapi";
import { Artifact } from "../domain/artifact.js";
import { AssistantJob } from "../domain/assistant-job.js";
import {
  AddOutputInput,
  CreateAssistantJobInput,
  JOB_ACTION_INPUTS,
  type JobAction,
  ListAssistantJobsQuery,
} from "../domain/assistant-job-input.js";
import { AuditEvent } from "../domain/audit-event.js";
import { actOnAssistantJob } from "../services/assistant-job-actions.js";
import {
  addAssistantOutput,
  createAssistantJob,
  getAssistantJob,
  listAssistantJobs,
} from "../services/assistant-jobs.js";
import { router } from "./app-env.js";
import { access, body, IdParams, json, pageOf, responses } from "./route-kit.js";

const JobDetail = z.object({
  job: AssistantJob,
  artifacts: z.array(Artifact),
  events: z.array(AuditEvent).optional().describe("The job's audit trail: only for operators and admins"),
});

export function assistantJobRoutes() {
  const app = router()
    .openapi(
      createRoute({
        method: "post",
        path: "/api/assistant-jobs",
        summary: "Create an assistant job (draft) for a task and/or bundle",
        ...access("operator"),
        request: body(CreateAssistantJobInput),
        responses: responses({ 201: json(AssistantJob, "Created") }),
      }),
      async (c) => c.json(await createAssistantJob(c.var.ctx, c.req.valid("json")), 201),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/assistant-jobs",
        summary: "List jobs by task, bundle, status or needsApproval; type narrows",
        ...access("viewer"),
        request: { query: ListAssistantJobsQuery },
        responses: responses({ 200: json(pageOf(AssistantJob)) }),
      }),
      async (c) => c.json(await listAssistantJobs(c.var.ctx, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/assistant-jobs/{id}",
        summary: "A job with its artifacts, and its events for operators and admins",
        ...access("viewer"),
        request: { params: IdParams },
        responses: responses({ 200: json(JobDetail) }),
      }),
      async (c) => c.json(await getAssistantJob(c.var.ctx, c.req.valid("param").id), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/api/assistant-jobs/{id}/outputs",
        summary: "Add an output (an assistant-output artifact in needs-review) to a running job",
        ...access("operator"),
        request: { params: IdParams, ...body(AddOutputInput) },
        responses: responses({ 201: json(z.object({ job: AssistantJob, artifact: Artifact }), "Created") }),
      }),
      async (c) => c.json(await addAssistantOutput(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 201),
    );
  for (const action of Object.keys(JOB_ACTION_INPUTS) as JobAction[]) {
    app.openapi(
      createRoute({
        method: "post",
        path: `/api/assistant-jobs/{id}/${action}`,
        summary: `Job transition: ${action}`,
        ...access("operator"),
        request: { params: IdParams, ...body(JOB_ACTION_INPUTS[action]) },
        responses: responses({ 200: json(AssistantJob) }),
      }),
      async (c) =>
        c.json(await actOnAssistantJob(c.var.ctx, c.req.valid("param").id, action, c.req.valid("json")), 200),
    );
  }
  return app;
}
