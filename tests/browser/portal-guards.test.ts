import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  demoBundle,
  expectAccessible,
  type Portal,
  shootPage,
  signedInPage,
  startPortal,
  VIEWPORTS,
} from "./portal-harness.js";

type Task = { status: string; version: number; comment?: string };

/** What the portal refuses, in a real browser: viewers' actions, ended sessions, forms from other sites. */
describe("the portal's guards in chromium", () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal();
  });
  afterAll(async () => {
    await portal?.stop();
  });

  const taskOf = async (taskId: string) => (await portal.api<Task>("GET", `/api/tasks/${taskId}`)).body;

  it("the sign-in page refuses a wrong token in words and keeps where to go", async () => {
    const context = await portal.browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    await page.goto(`${portal.server.url}/workflows`);
    expect(new URL(page.url()).searchParams.get("next")).toBe("/workflows");
    await shootPage(page, "sign-in");
    await page.getByLabel("API token").fill("we_not-a-real-token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("that token is not valid");
    expect(await page.getByLabel("API token").inputValue()).toBe("");
    await page.getByLabel("API token").fill(portal.tokens.viewer);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${portal.server.url}/workflows`);
    const cookie = (await context.cookies()).find((c) => c.name === "we_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    await context.close();
  });

  it("a viewer sees no buttons they cannot use, and the server refuses the action anyway", async () => {
    const { bundleId, tasks } = await demoBundle(portal, "Viewer's bundle");
    const task = tasks[0];
    if (!task) throw new Error("the demo bundle has tasks");
    const { context, page } = await signedInPage(portal, portal.tokens.viewer);
    await page.goto(`${portal.server.url}/tasks/${task.taskId}`);
    expect(await page.getByRole("button", { name: "Complete the task" }).count()).toBe(0);
    await page.goto(`${portal.server.url}/bundles/${bundleId}`);
    expect(await page.getByRole("button", { name: /Save/ }).count()).toBe(0);
    await page.goto(`${portal.server.url}/bundles/${bundleId}/artifacts`);
    expect(await page.getByRole("button", { name: /Register|Upload|Approve/ }).count()).toBe(0);
    // The only button a viewer has is sign-out; its form carries their CSRF token, which a forged post reuses.
    expect(await page.locator("main button").count()).toBe(0);
    const csrf = await page.locator("input[name=_csrf]").first().inputValue();
    const refused = await page.request.post(`${portal.server.url}/tasks/${task.taskId}/complete`, {
      form: { _csrf: csrf, expectedVersion: String(task.version) },
      headers: { origin: portal.server.url },
    });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain("This needs the operator role; you are viewer");
    await expectAccessible(page);
    await page.goto(`${portal.server.url}/tasks/${task.taskId}`);
    await expectAccessible(page);
    expect((await taskOf(task.taskId)).status).toBe("todo");
    await context.close();
  });

  it("sign-out ends the session: the old cookie no longer opens a page", async () => {
    const { context, page } = await signedInPage(portal, portal.tokens.operator);
    const cookie = (await context.cookies()).find((c) => c.name === "we_session");
    if (!cookie) throw new Error("signed in without a session cookie");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("You are signed out");
    expect((await context.cookies()).find((c) => c.name === "we_session")).toBeUndefined();
    // The cookie put back by hand (a copy someone kept) is refused: the session is revoked in the store.
    await context.addCookies([cookie]);
    await page.goto(`${portal.server.url}/`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await context.close();
  });

  it("a form posted from another site is refused and changes nothing", async () => {
    const { tasks } = await demoBundle(portal, "Cross-site target");
    const task = tasks.find((t) => t.description === "Publish the episode page");
    if (!task) throw new Error("the demo bundle has the publish task");
    const { context, page } = await signedInPage(portal, portal.tokens.operator);
    // Another site (localhost is not 127.0.0.1 to a browser) whose page posts to the portal on load.
    const attacker: Server = createServer((_req, res) => {
      res.setHeader("content-type", "text/html");
      res.end(`<form method="post" action="${portal.server.url}/tasks/${task.taskId}/mark-waiting">
        <input name="expectedVersion" value="${task.version}"><input name="waitingFor" value="attacker">
        <input name="followUpAt" value="2030-01-01T10:00"></form><script>document.forms[0].submit()</script>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
    const port = (attacker.address() as AddressInfo).port;
    try {
      await page.goto(`http://localhost:${port}/`);
      await page.waitForURL(`${portal.server.url}/tasks/**`);
      // The Origin check answers first; SameSite=Lax also kept the cookie off this post.
      expect(await page.getByRole("alert").textContent()).toContain("sent from another site");
      await expectAccessible(page);
      expect((await taskOf(task.taskId)).status).toBe("todo");
      // The same post from our own origin with the session but without the form's token is refused too.
      const noToken = await page.request.post(`${portal.server.url}/tasks/${task.taskId}/mark-waiting`, {
        form: { expectedVersion: String(task.version), waitingFor: "x", followUpAt: "2030-01-01T10:00" },
        headers: { origin: portal.server.url },
      });
      expect(noToken.status()).toBe(403);
      expect((await taskOf(task.taskId)).status).toBe("todo");
    } finally {
      attacker.close();
      await context.close();
    }
  });
});
