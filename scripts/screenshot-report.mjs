#!/usr/bin/env node
// Renders the HTML audit report of examples/insecure in headless Chromium and saves docs/img/audit-report.png
// (the README's screenshot). Needs `npm run build` and Debian `chromium`.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const repo = join(import.meta.dirname, "..");
const { collectSnapshot } = await import(join(repo, "dist", "audit", "collect.js"));
const { runCatalog } = await import(join(repo, "dist", "catalog", "run.js"));
const { buildReport } = await import(join(repo, "dist", "report", "model.js"));
const { auditToHtml } = await import(join(repo, "dist", "report", "formats", "html.js"));
const stateDir = join(repo, "examples", "insecure");
const snapshot = await collectSnapshot({
  env: {},
  cwd: stateDir,
  stateDir,
  openclaw: false,
  live: false,
  deep: false,
  skills: false,
});
const report = buildReport(snapshot, runCatalog(snapshot), "0.1.0", () => undefined);
const file = join(mkdtempSync(join(tmpdir(), "cw-shot-")), "report.html");
writeFileSync(file, auditToHtml(report));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
await page.goto(pathToFileURL(file).href);
mkdirSync(join(repo, "docs", "img"), { recursive: true });
await page.screenshot({ path: join(repo, "docs", "img", "audit-report.png") });
await browser.close();
process.stdout.write("docs/img/audit-report.png\n");
