import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoBundle, type Portal, shootPage, signedInPage, startPortal, today } from "./portal-harness.js";

/** An operator's day in a real browser against the real server: every page, accessible at desktop and phone widths. */
describe("the operator portal in chromium", () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal();
  });
  afterAll(async () => {
    await portal?.stop();
  });

  it("an operator signs in, is refused a gated task with the reason, registers and approves a link, completes the bundle", async () => {
    const { bundleId } = await demoBundle(portal, "Episode 42 with Ada");
    const { context, page } = await signedInPage(portal, portal.tokens.operator);
    const url = portal.server.url;

    // Today: both tasks are due today and assigned to the operator.
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`Today, ${today()}`);
    const dueToday = page.getByRole("region", { name: /Due today/ });
    await dueToday.getByRole("link", { name: "Record the episode" }).first().waitFor();
    await shootPage(page, "today");

    // The gated task: completing it is refused, the reason is shown beside the form, what was typed stays.
    await dueToday.getByRole("link", { name: "Record the episode" }).first().click();
    await page.getByLabel("Comment (optional)").fill("Recorded at the studio");
    await page.getByRole("button", { name: "Complete the task" }).click();
    const refusal = page.getByRole("alert");
    await expect.poll(() => refusal.textContent()).toContain("required artifact proof 'Raw recording' is missing");
    expect(await page.getByLabel("Comment (optional)").inputValue()).toBe("Recorded at the studio");
    await shootPage(page, "task");

    // The bundle says why each task is blocked, in words.
    await page.goto(`${url}/bundles/${bundleId}`);
    const blocked = await page.locator(".blocked").allTextContents();
    expect(blocked.join(" ")).toContain("required artifact proof 'Raw recording' is missing");
    expect(blocked.join(" ")).toContain("required bundle link 'Episode page' is missing");
    await shootPage(page, "bundle");

    // Register a link artifact for the task without uploading anything, then approve it.
    await page.getByRole("link", { name: "Artifacts" }).click();
    await page.getByLabel("Title", { exact: true }).fill("Raw recording");
    await page.getByLabel("Link", { exact: true }).fill("https://files.example.com/ep42.wav");
    await page
      .getByLabel("For task")
      .first()
      .selectOption({ label: `${today()} Record the episode` });
    await page.getByRole("button", { name: "Register link" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Link registered");
    expect(await page.locator(".badge.s-needs-review").count()).toBe(1);
    await shootPage(page, "artifacts");
    await page.getByRole("button", { name: "Approve Raw recording" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Artifact approved");
    expect(await page.locator(".badge.s-approved").count()).toBe(1);

    // Now the task completes.
    await page.getByRole("link", { name: "Record the episode" }).click();
    await page.getByRole("button", { name: "Complete the task" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Task completed");
    expect(await page.locator("dd .badge").first().textContent()).toBe("done");

    // The link is edited inline on the bundle page: an address the browser accepts but the server does not (only http(s)) is refused beside its box and kept.
    await page.goto(`${url}/bundles/${bundleId}`);
    const linkBox = page.getByLabel("Episode page (required)");
    await linkBox.fill("ftp://files.example.com/ep42");
    await page.getByRole("button", { name: "Save Episode page" }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByLabel("Episode page (required)").inputValue()).toBe("ftp://files.example.com/ep42");
    expect(await page.getByLabel("Episode page (required)").getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel("Episode page (required)").fill("https://podcast.example.com/ep42");
    await page.getByRole("button", { name: "Save Episode page" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Link saved");

    // The last task completes, and with it the bundle.
    await page.getByRole("link", { name: "Publish the episode page" }).click();
    await page.getByRole("button", { name: "Complete the task" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Task completed");
    await page.goto(`${url}/bundles/${bundleId}`);
    expect(await page.locator(".panel .badge").first().textContent()).toBe("completed");
    expect(await page.locator(".panel").first().textContent()).toContain("2 of 2 tasks done");
    expect(await page.locator(".blocked").count()).toBe(0);
    const stored = await portal.api<{ status: string }>("GET", `/api/bundles/${bundleId}`);
    expect(stored.body.status).toBe("completed");
    await context.close();
  }, 120_000);

  it("the bundles, workflows and run pages show what the API holds", async () => {
    const { bundleId } = await demoBundle(portal, "Episode 43 with Grace");
    const run = await portal.api<{ bundle: { bundleId: string } }>("POST", "/api/bundles", {
      workflowId: "expense-approval",
      title: "Conference tickets",
      anchorDate: today(),
      input: { amount: 2500, description: "Conference tickets" },
    });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    const { context, page } = await signedInPage(portal, portal.tokens.operator);
    const url = portal.server.url;

    await page.getByRole("link", { name: "Bundles" }).click();
    await page.getByRole("link", { name: "Episode 43 with Grace" }).waitFor();
    expect(await page.getByRole("heading", { name: /Stage: production/ }).count()).toBe(1);
    await shootPage(page, "bundles");
    expect(bundleId).toMatch(/^bnd_/);

    // The run waits for a person: the graph shows the approval step waiting and the operator's view applies.
    await expect
      .poll(
        async () =>
          (await portal.api<{ runStatus: string }>("GET", `/api/bundles/${run.body.bundle.bundleId}/run`)).body
            .runStatus,
      )
      .toBe("waiting");
    await page.goto(`${url}/bundles/${run.body.bundle.bundleId}/run`);
    expect(await page.locator(".panel .badge").first().textContent()).toBe("waiting");
    expect(await page.getByRole("heading", { name: "approval-queue" }).count()).toBe(1);
    expect(await page.locator(".graph").textContent()).toContain("approveRequest");
    expect(await page.locator("#logs ~ ol li").count()).toBeGreaterThan(0);
    await shootPage(page, "run");

    await page.getByRole("link", { name: "Workflows" }).click();
    await page.getByRole("heading", { name: "Expense approval" }).waitFor();
    expect(await page.locator("main").textContent()).toContain("workflows/expense-approval.yaml");
    await shootPage(page, "workflows");

    await page.goto(`${url}/process-docs/podcast-production`);
    expect(await page.locator("#step-recording").textContent()).toBe("Record the episode");
    await shootPage(page, "process-doc");
    await context.close();
  }, 120_000);
});
