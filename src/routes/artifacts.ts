import { createRoute } from "@hono/zod-openapi";
import { Artifact } from "../domain/artifact.js";
import {
  ARTIFACT_ACTION_INPUTS,
  type ArtifactAction,
  CreateArtifactInput,
  UpdateArtifactInput,
} from "../domain/artifact-input.js";
import { ListArtifactsQuery } from "../domain/list-queries.js";
import { getArtifact, listArtifacts } from "../services/artifact-queries.js";
import { createArtifact } from "../services/create-artifact.js";
import { actOnArtifact } from "../services/review-artifact.js";
import { updateArtifact } from "../services/update-artifact.js";
import { router } from "./app-env.js";
import { access, body, IdParams, json, pageOf, responses } from "./route-kit.js";

const SUMMARIES: Record<ArtifactAction, string> = {
  submit: "Ask for review (draft or rejected -> needs-review)",
  approve: "Approve (needs-review, or a manual-link draft); only approved artifacts satisfy proof",
  reject: "Reject with a reason (needs-review -> rejected)",
  archive: "Archive (approved or rejected; final)",
  supersede: "Replace by another artifact (approved -> superseded; final)",
  attach: "Attach to a task and/or bundle",
};

export function artifactRoutes() {
  const app = router()
    .openapi(
      createRoute({
        method: "post",
        path: "/api/artifacts",
        summary: "Register an artifact (draft or needs-review) under the storage policy",
        ...access("operator"),
        request: body(CreateArtifactInput),
        responses: responses({ 201: json(Artifact, "Created") }),
      }),
      async (c) => c.json(await createArtifact(c.var.ctx, c.req.valid("json")), 201),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/artifacts",
        summary: "List artifacts by task, bundle, assistant job, file, status and/or type",
        ...access("viewer"),
        request: { query: ListArtifactsQuery },
        responses: responses({ 200: json(pageOf(Artifact)) }),
      }),
      async (c) => c.json(await listArtifacts(c.var.ctx, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/artifacts/{id}",
        summary: "Get an artifact",
        ...access("viewer"),
        request: { params: IdParams },
        responses: responses({ 200: json(Artifact) }),
      }),
      async (c) => c.json(await getArtifact(c.var.ctx, c.req.valid("param").id), 200),
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/api/artifacts/{id}",
        summary: "Edit descriptive metadata (not status)",
        ...access("operator"),
        request: { params: IdParams, ...body(UpdateArtifactInput) },
        responses: responses({ 200: json(Artifact) }),
      }),
      async (c) => c.json(await updateArtifact(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
    );
  for (const action of Object.keys(ARTIFACT_ACTION_INPUTS) as ArtifactAction[]) {
    app.openapi(
      createRoute({
        method: "post",
        path: `/api/artifacts/{id}/${action}`,
        summary: SUMMARIES[action],
        ...access("operator"),
        request: { params: IdParams, ...body(ARTIFACT_ACTION_INPUTS[action]) },
        responses: responses({ 200: json(Artifact) }),
      }),
      async (c) => c.json(await actOnArtifact(c.var.ctx, c.req.valid("param").id, action, c.req.valid("json")), 200),
    );
  }
  return app;
}
