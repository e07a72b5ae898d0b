import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { type ServerProcess, startServerProcess } from "../support/server-process.js";

// Debian's package; Playwright's own browser download cannot work offline.
const CHROMIUM = "/usr/bin/chromium";
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
/** `UPDATE_SCREENSHOTS=1` (npm run screenshots) writes them into docs/screenshots; otherwise into a temp dir. */
const SCREENSHOT_DIR =
  process.env.UPDATE_SCREENSHOTS === "1"
    ? join(process.cwd(), "docs/screenshots")
    : mkdtempSync(join(tmpdir(), "portal-shots-"));
export const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

/** A two-task checklist: one task gated on an approved artifact, one on a bundle link. */
const DEMO_WORKFLOW = `workflowId: portal-demo
name: Portal demo episode
description: A short episode used by the portal's browser tests.
type: podcast
stages: [production, done]
phases:
  - { id: recording, name: Recording, stage: production }
  - { id: publishing, name: Publishing, stage: production }
defaultAssigneeId: usr_portal_op
sourceDocIds: [podcast-production]
requiredLinks:
  - { name: Episode page, description: Public page once published }
tasks:
  - refId: record
    description: Record the episode
    offsetDays: 0
    phase: recording
    instructionDocId: podcast-production
    instructionStepId: recording
    proof: { type: artifact, label: Raw recording }
  - refId: publish
    description: Publish the episode page
    offsetDays: 0
    phase: publishing
    validation: { requiredBundleLinks: [Episode page], checklist: [Show notes, Chapters] }
`;

export type Portal = {
  server: ServerProcess;
  browser: Browser;
  tokens: { admin: string; operator: string; viewer: string };
  api<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
};

/** The real server over a copy of content/ plus the demo workflow, chromium, and an operator and a viewer with tokens. */
export async function startPortal(): Promise<Portal> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`chromium is missing at ${CHROMIUM}: install it with "apt-get install -y chromium" (.ci/run does)`);
  }
  const content = mkdtempSync(join(tmpdir(), "portal-content-"));
  cpSync(join(process.cwd(), "content"), content, { recursive: true });
  writeFileSync(join(content, "workflows", "portal-demo.yaml"), DEMO_WORKFLOW);
  const [server, browser] = await Promise.all([
    startServerProcess({ CONTENT_DIR: content, WORKER_POLL_MS: "50" }),
    chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-background-networking"] }),
  ]);
  const api: Portal["api"] = async (method, path, body, token = server.adminToken) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as never };
  };
  const person = async (userId: string, name: string, role: string) => {
    await api("POST", "/api/users", { userId, name, email: `${userId}@example.com`, role });
    return (await api<{ token: string }>("POST", `/api/users/${userId}/tokens`, { name: "portal" })).body.token;
  };
  const tokens = {
    admin: server.adminToken,
    operator: await person("usr_portal_op", "Olivia Operator", "operator"),
    viewer: await person("usr_portal_viewer", "Victor Viewer", "viewer"),
  };
  // expense-approval's approver, named in its definition.
  await person("usr_accountant", "Alex Accountant", "operator");
  return {
    server,
    browser,
    tokens,
    api,
    async stop() {
      await browser.close();
      await server.stop();
      rmSync(content, { recursive: true, force: true });
    },
  };
}

/** Today in UTC (the server's team time zone in these tests). */
export const today = () => new Date().toISOString().slice(0, 10);

/** Starts a demo bundle (anchor today) as the admin, assigned to the operator. */
export async function demoBundle(portal: Portal, title: string) {
  const created = await portal.api<{
    bundle: { bundleId: string };
    tasks: { taskId: string; description: string; version: number }[];
  }>("POST", "/api/bundles", { workflowId: "portal-demo", title, anchorDate: today() });
  expect(created.status).toBe(201);
  return { bundleId: created.body.bundle.bundleId, tasks: created.body.tasks };
}

/** A fresh browser context (its own cookies) signed in with `token`, on the Today page. */
export async function signedInPage(
  portal: Portal,
  token: string,
  viewport = VIEWPORTS.desktop,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await portal.browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${portal.server.url}/`);
  expect(new URL(page.url()).pathname).toBe("/sign-in");
  await page.getByLabel("API token").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${portal.server.url}/`);
  return { context, page };
}

type AxeResult = { violations: { id: string; impact: string | null; help: string; nodes: { target: unknown }[] }[] };

/** axe-core in the page: no serious or critical accessibility violation. */
export async function expectAccessible(page: Page): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as AxeResult;
  const bad = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  expect(bad, `${page.url()}`).toEqual([]);
}

/** The page at desktop and phone widths, checked for accessibility at both, saved as `<name>-<width>.png`. */
export async function shootPage(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await expectAccessible(page);
    // Nothing sideways on a phone: the page fits its width.
    const overflow = await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
    expect(overflow, `${name} at ${width}`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(VIEWPORTS.desktop);
}
