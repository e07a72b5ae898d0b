import { createHash } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import { UnauthorizedError, ValidationError } from "../domain/errors.js";
import { Slug } from "../domain/workflow-definition.js";
import { receiveEvent } from "../triggers/receive-event.js";
import { checkSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "../triggers/webhook-signature.js";
import { router } from "./app-env.js";
import { Received } from "./events.js";
import { json, NoOptions, responses } from "./route-kit.js";

/** Signed webhooks are authenticated by their signature, not a bearer token. */
export const WEBHOOK_PATH_PREFIX = "/api/hooks/";

const WorkflowParam = z.object({ workflowId: Slug });
const SignatureHeaders = z.object({
  [TIMESTAMP_HEADER]: z.string().optional().openapi({ description: "unix seconds, within five minutes" }),
  [SIGNATURE_HEADER]: z.string().optional().openapi({ description: "sha256=<hex HMAC-SHA256 of timestamp.body>" }),
});
const REFUSED = "webhook refused: the signature is missing, stale or does not match";

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
      request: { params: WorkflowParam, query: NoOptions, headers: SignatureHeaders },
      responses: responses({
        201: json(Received, "Accepted as an event; the runs it started are listed"),
        200: json(Received, "The same signed request again: nothing new was started"),
      }),
    }),
    async (c) => {
      const { workflowId } = c.req.valid("param");
      // The signature is over the bytes as sent: no decoding (a BOM, a stray byte) before checking.
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const ctx = c.var.ctx;
      const timestamp = c.req.header(TIMESTAMP_HEADER);
      const check = checkSignature(
        secrets.get(workflowId),
        timestamp,
        c.req.header(SIGNATURE_HEADER),
        bytes,
        Date.parse(ctx.clock.now()),
      );
      // One answer for every refusal: which workflows take webhooks is not the caller's to learn.
      if (!check.ok) throw new UnauthorizedError(REFUSED);
      let data: unknown;
      try {
        data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
      } catch {
        throw new ValidationError("the webhook body is not valid UTF-8 JSON");
      }
      if (data === null || typeof data !== "object" || Array.isArray(data))
        throw new ValidationError("the webhook body must be a JSON object (it becomes the event's data)");
      // What was signed identifies the call: the same signed request again is the same event.
      const digest = createHash("sha256")
        .update(`${workflowId}.${timestamp}.`)
        .update(bytes)
        .digest("hex")
        .slice(0, 40);
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
