import { createHash } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import { UnauthorizedError, ValidationError } from "../domain/errors.js";
import { receiveEvent } from "../triggers/receive-event.js";
import { checkSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "../triggers/webhook-signature.js";
import { router } from "./app-env.js";
import { Received } from "./events.js";
import { json, NoOptions, responses } from "./route-kit.js";

/** Signed webhooks are authenticated by their signature, not a bearer token. */
export const WEBHOOK_PATH_PREFIX = "/api/hooks/";

const WorkflowParam = z.object({ workflowId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/) });

/**
 * `POST /api/hooks/{workflowId}`: a body signed with the workflow's secret (WEBHOOK_SECRETS) becomes
 * the event `webhook.<workflowId>`. A missing, bad or stale signature is 401 and nothing is written.
 */
export function webhookRoutes(secrets: ReadonlyMap<string, string>) {
  return router().openapi(
    createRoute({
      method: "post",
      path: "/api/hooks/{workflowId}",
      summary: "A signed webhook: HMAC-SHA256 of `timestamp.body` in X-Webhook-Signature, within five minutes",
      // No bearer token: the signature is the authentication (docs/workflow-triggers.md).
      security: [],
      "x-auth": "webhook-signature",
      request: { params: WorkflowParam, query: NoOptions },
      responses: responses({
        201: json(Received, "Accepted as an event; the runs it started are listed"),
        200: json(Received, "The same signed request again: nothing new was started"),
      }),
    }),
    async (c) => {
      const { workflowId } = c.req.valid("param");
      const raw = await c.req.text();
      const ctx = c.var.ctx;
      const timestamp = c.req.header(TIMESTAMP_HEADER);
      const check = checkSignature(
        secrets.get(workflowId),
        timestamp,
        c.req.header(SIGNATURE_HEADER),
        raw,
        Date.parse(ctx.clock.now()),
      );
      if (!check.ok) throw new UnauthorizedError(`webhook refused: ${check.reason}`);
      let data: unknown;
      try {
        data = JSON.parse(raw);
      } catch {
        throw new ValidationError("the webhook body is not valid JSON");
      }
      if (data === null || typeof data !== "object" || Array.isArray(data))
        throw new ValidationError("the webhook body must be a JSON object (it becomes the event's data)");
      // What was signed identifies the call: the same signed request again is the same event.
      const digest = createHash("sha256").update(`${timestamp}.${raw}`).digest("hex").slice(0, 40);
      const received = await receiveEvent(
        ctx,
        {
          id: `webhook-${digest}`,
          type: `webhook.${workflowId}`,
          source: `webhook:${workflowId}`,
          time: check.at.toISOString(),
          data,
        },
        "webhook",
      );
      return c.json(received, received.replayed ? 200 : 201);
    },
  );
}
