import type { Context, Hono, MiddlewareHandler } from "hono";
import { TRANSITION_INPUTS, type TransitionName } from "../domain/task-input.js";
import { bundleOfArtifact, registerLink, registerUpload } from "../services/bundle-artifacts.js";
import { dismissNotification } from "../services/reminders/notifications.js";
import { actOnArtifact } from "../services/review-artifact.js";
import { transitionTask } from "../services/transition-task.js";
import { updateBundle } from "../services/update-bundle.js";
import { bundlePath, taskPath } from "./display.js";
import { type PostedForm, postedForm, serviceInput } from "./form-input.js";
import { type FormState, refusal } from "./form-state.js";
import { artifactsPage } from "./pages/artifacts.js";
import { bundlePage, linkForm } from "./pages/bundle.js";
import { taskPage } from "./pages/task.js";
import { todayPage } from "./pages/today.js";
import type { PortalAction } from "./portal-actions.js";
import { formAllowed, sameSiteForm, signedIn } from "./portal-auth.js";
import type { PortalEnv } from "./portal-env.js";

type C = Context<PortalEnv>;

/** One form post: who may send it, what it does (returning where to go next), and which page shows a refusal. */
type FormAction = {
  path: string;
  action: PortalAction;
  /** The form a refusal is shown beside, and service fields the form names differently. */
  form: (c: C, posted: PostedForm) => string;
  rename?: Record<string, string>;
  run: (c: C, posted: PostedForm) => Promise<string>;
  page: (c: C, posted: PostedForm, state: FormState) => Promise<Response>;
  upload?: boolean;
};

const id = (c: C) => c.req.param("id") ?? "";
const version = { numbers: ["expectedVersion"] };

const transitions: FormAction[] = (Object.keys(TRANSITION_INPUTS) as TransitionName[]).map((name) => ({
  path: `/tasks/:id/${name}`,
  action: name,
  form: () => name,
  run: async (c, { values }) => {
    const input = serviceInput(values, {
      ...version,
      instants: ["followUpAt", "nextFollowUpAt"],
      // The transition's own input fields, as its schema names them.
      only: Object.keys(TRANSITION_INPUTS[name].shape),
    });
    const task = await transitionTask(c.var.ctx, id(c), name, input);
    return `${taskPath(task)}?notice=${name}`;
  },
  page: (c, _posted, state) => taskPage(c, id(c), state),
}));

const FORM_ACTIONS: FormAction[] = [
  ...transitions,
  {
    path: "/bundles/:id/links",
    action: "edit-link",
    form: (_c, { values }) => linkForm(values.slot ?? ""),
    rename: { links: "url" },
    run: async (c, { values }) => {
      const input = serviceInput(values, { ...version, only: ["expectedVersion"] });
      await updateBundle(c.var.ctx, id(c), {
        ...input,
        links: [{ name: values.name ?? "", url: values.url?.trim() ?? "" }],
      });
      return `${bundlePath(id(c))}?notice=link`;
    },
    page: (c, _posted, state) => bundlePage(c, id(c), state),
  },
  {
    path: "/bundles/:id/artifacts",
    action: "register-link",
    form: () => "register-link",
    run: async (c, { values }) => {
      await registerLink(
        c.var.ctx,
        id(c),
        serviceInput(values, { only: ["title", "storageUri", "type", "taskId", "description"] }),
      );
      return `${bundlePath(id(c), "/artifacts")}?notice=registered`;
    },
    page: (c, _posted, state) => artifactsPage(c, id(c), state),
  },
  {
    path: "/bundles/:id/files",
    action: "upload-file",
    form: () => "upload-file",
    upload: true,
    run: async (c, { values, files }) => {
      await registerUpload(c.var.ctx, id(c), {
        taskId: values.taskId ?? "",
        file: files.file,
        title: values.title,
        type: values.type,
      });
      return `${bundlePath(id(c), "/artifacts")}?notice=uploaded`;
    },
    page: (c, _posted, state) => artifactsPage(c, id(c), state),
  },
  ...(["approve", "reject"] as const).map(
    (verb): FormAction => ({
      path: `/artifacts/:id/${verb}`,
      action: `${verb}-artifact`,
      form: (c) => `${verb}-${id(c)}`,
      run: async (c, { values }) => {
        const only = ["expectedVersion", ...(verb === "reject" ? ["reason"] : [])];
        await actOnArtifact(c.var.ctx, id(c), verb, serviceInput(values, { ...version, only }));
        return `${bundlePath(await bundleOfArtifact(c.var.ctx, id(c)), "/artifacts")}?notice=${verb}`;
      },
      // The artifact's own bundle, whatever the form said.
      page: async (c, _posted, state) => artifactsPage(c, await bundleOfArtifact(c.var.ctx, id(c)), state),
    }),
  ),
  {
    path: "/notifications/:id/dismiss",
    action: "dismiss-reminder",
    form: () => "dismiss",
    run: async (c, { values }) => {
      await dismissNotification(c.var.ctx, id(c), serviceInput(values, { ...version, only: ["expectedVersion"] }));
      return "/?notice=dismissed";
    },
    page: (c, _posted, state) => todayPage(c, state),
  },
];

const EMPTY: PostedForm = { values: {}, files: {} };

/**
 * Each form post: same-site, signed in, CSRF token and role checked before anything is read. A success
 * redirects (so reloading does not post again); a refusal shows the page again with the error beside
 * its form and what was typed still in it.
 */
export function actionRoutes(
  app: Hono<PortalEnv>,
  limits: { formLimit: MiddlewareHandler<PortalEnv>; uploadLimit: MiddlewareHandler<PortalEnv> },
) {
  for (const a of FORM_ACTIONS) {
    const limit = a.upload ? limits.uploadLimit : limits.formLimit;
    app.post(a.path, limit, sameSiteForm, signedIn, formAllowed(a.action), async (c) => {
      let posted = EMPTY;
      try {
        posted = await postedForm(c);
        return c.redirect(await a.run(c, posted), 303);
      } catch (error) {
        return a.page(c, posted, refusal(a.form(c, posted), error, posted.values, a.rename));
      }
    });
  }
}
