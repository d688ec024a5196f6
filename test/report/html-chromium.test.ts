/**
 * The HTML report in real headless Chromium (Debian `chromium`, driven by playwright-core): every guide item
 * renders, the filters work without a server, nothing is fetched, no console errors, every control is
 * labelled and reachable by keyboard. Screenshots go to test-artifacts/ (ignored by git).
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalog } from "../../src/catalog/index.js";
import { auditToHtml } from "../../src/report/formats/html.js";
import { auditReportOf } from "../helpers/audit-report.js";

const repo = join(import.meta.dirname, "..", "..");
const artifacts = join(repo, "test-artifacts");
const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const requests: string[] = [];
let url: string;

beforeAll(async () => {
  if (!CHROMIUM) throw new Error("Debian chromium is not installed (scripts/setup-test-deps.sh installs it)");
  const stateDir = join(repo, "examples", "insecure");
  const report = await auditReportOf(stateDir);
  const html = auditToHtml(report, [
    { takenAt: "2026-11-01T00:00:00Z", index: 10 },
    { takenAt: "2026-11-15T00:00:00Z", index: 14 },
    { takenAt: report.takenAt, index: report.summary.index },
  ]);
  const dir = mkdtempSync(join(tmpdir(), "cw-html-"));
  const file = join(dir, "report.html");
  writeFileSync(file, html);
  url = pathToFileURL(file).href;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"], headless: true });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(e.message));
  page.on("request", (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  await page.goto(url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe("HTML report in headless Chromium", () => {
  it("renders every guide item, fetches nothing and logs no error", async () => {
    const ids = await page.$$eval("#findings tbody th[scope=row]", (ths) =>
      ths.map((t) => t.textContent?.trim()),
    );
    for (const item of catalog) expect(ids, item.id).toContain(item.id);
    expect(requests).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(await page.textContent(".gauge text")).toMatch(/^\d+$/);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, "audit-report.png"), fullPage: false });
  });

  it("filters by status, priority, category and text without a server", async () => {
    const visible = () =>
      page.$$eval("#findings tbody tr", (rows) =>
        (rows as unknown as Array<{ hidden: boolean; dataset: Record<string, string> }>)
          .filter((r) => !r.hidden)
          .map((r) => ({ ...r.dataset })),
      );
    const all = (await visible()).length;
    await page.selectOption("#f-status", "fail");
    const fails = await visible();
    expect(fails.length).toBeGreaterThan(0);
    expect(fails.length).toBeLessThan(all);
    expect(fails.every((d) => d.status === "fail")).toBe(true);
    await page.selectOption("#f-priority", "P0");
    expect((await visible()).every((d) => d.status === "fail" && d.priority === "P0")).toBe(true);
    await page.selectOption("#f-status", "");
    await page.selectOption("#f-priority", "");
    await page.selectOption("#f-category", "network");
    expect((await visible()).every((d) => d.category === "network")).toBe(true);
    await page.selectOption("#f-category", "");
    await page.fill("#f-text", "telegram");
    const hits = await visible();
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((d) => (d.text ?? "").includes("telegram"))).toBe(true);
    expect(await page.textContent("#f-count")).toMatch(
      new RegExp(`^${hits.length} of ${all} findings shown$`),
    );
    await page.screenshot({ path: join(artifacts, "audit-report-filtered.png") });
    await page.fill("#f-text", "");
  });

  it("labels every control and reaches the filters by keyboard", async () => {
    const unlabelled = await page.$$eval("select, input", (els) =>
      els.filter((e) => !e.ownerDocument.querySelector(`label[for="${e.id}"]`)).map((e) => e.id),
    );
    expect(unlabelled).toEqual([]);
    await page.click("h1");
    const focused: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Tab");
      focused.push(await page.evaluate("document.activeElement ? document.activeElement.id : ''"));
    }
    for (const id of ["f-status", "f-priority", "f-category", "f-text"])
      expect(focused, focused.join(",")).toContain(id);
    expect(await page.getAttribute("html", "lang")).toBe("en");
  });

  it("prints: filters hidden, the table kept", async () => {
    await page.emulateMedia({ media: "print" });
    expect(await page.isVisible(".filters")).toBe(false);
    expect(await page.isVisible("#findings")).toBe(true);
    await page.emulateMedia({ media: "screen" });
  });
});
