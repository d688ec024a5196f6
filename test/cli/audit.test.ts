import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditReport } from "../../src/report/model.js";

const root = join(import.meta.dirname, "..", "..");
const cli = join(root, "dist", "cli", "main.js");
let examples: string;

/** The built CLI, as a user runs it; never the user's own OpenClaw (PATH without it, --no-openclaw). */
function audit(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [cli, "audit", "--no-openclaw", ...args], {
    encoding: "utf8",
    env: { PATH: "/usr/bin:/bin", HOME: examples, NO_COLOR: "1", ...env },
  });
}

beforeAll(() => {
  expect(existsSync(cli), "run `npm run build` first").toBe(true);
  examples = mkdtempSync(join(tmpdir(), "cw-cli-"));
  cpSync(join(root, "examples"), examples, { recursive: true });
  const modes = spawnSync("bash", [join(examples, "apply-modes.sh"), examples], { encoding: "utf8" });
  expect(modes.status, modes.stderr).toBe(0);
});
afterAll(() => rmSync(examples, { recursive: true, force: true }));

describe("clawwarden audit on the bundled examples", () => {
  it("fails the insecure example on P0 items and exits 1", () => {
    const out = audit(["--state-dir", join(examples, "insecure")]);
    expect(out.status).toBe(1);
    for (const id of ["N-01", "N-03", "S-01", "S-05", "D-01", "C-01", "C-02"]) {
      expect(out.stdout).toMatch(new RegExp(`FAIL\\s+${id}\\s`));
    }
    expect(out.stdout).toMatch(/hardening index: \d+\/100/);
    // The plaintext bot token of the example is evidence only as a fingerprint.
    expect(out.stdout).not.toContain("ABCDEF-plaintext-bot-token");
  });

  it("passes the hardened example at --fail-on high (exit 0)", () => {
    const out = audit(["--state-dir", join(examples, "hardened"), "--fail-on", "high"], {
      OPENCLAW_GATEWAY_TOKEN: `${"x".repeat(8)}f3A9kq2LmZ7pW0rT5vB1nC8d`,
    });
    expect(out.stdout).not.toMatch(/^\s+FAIL\s/m);
    expect(out.status, out.stdout).toBe(0);
  });

  it("prints the versioned JSON report", () => {
    const out = audit(["--state-dir", join(examples, "insecure"), "--json"]);
    const report = JSON.parse(out.stdout) as AuditReport;
    expect(report.schemaVersion).toBe(1);
    expect(report.items).toHaveLength(41);
    expect(report.items.map((r) => r.item.id).slice(0, 3)).toEqual(["N-01", "N-02", "N-03"]);
    const n01 = report.items.find((r) => r.item.id === "N-01");
    expect(n01?.status).toBe("fail");
    expect(n01?.findings[0]?.evidence[0]?.location?.line).toBeGreaterThan(0);
    expect(report.summary.counts.fail).toBeGreaterThan(0);
    expect(report.openclaw.available).toBe(false);
  });

  it("prints SARIF 2.1.0 with one rule per guide item and located results", () => {
    const out = audit(["--state-dir", join(examples, "insecure"), "--sarif"]);
    expect(out.status).toBe(1);
    const sarif = JSON.parse(out.stdout) as {
      version: string;
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string }> } };
        results: Array<{
          ruleId: string;
          level: string;
          locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
        }>;
      }>;
    };
    expect(sarif.version).toBe("2.1.0");
    const run = sarif.runs[0];
    expect(run?.tool.driver.rules).toHaveLength(41);
    const n01 = run?.results.find((r) => r.ruleId === "N-01");
    expect(n01?.level).toBe("error");
    expect(n01?.locations[0]?.physicalLocation.region.startLine).toBeGreaterThan(1);
    expect(out.stdout).not.toContain("ABCDEF-plaintext-bot-token");
  });

  it("reads the legacy file-era layout and finds the credentials in its transcripts", () => {
    const out = audit(["--state-dir", join(examples, "legacy-file-era"), "--json", "--only", "C-03,C-01"]);
    const report = JSON.parse(out.stdout) as AuditReport;
    expect(report.target.layout).toBe("file");
    const c03 = report.items.find((r) => r.item.id === "C-03");
    expect(c03?.status).toBe("fail");
    expect(JSON.stringify(c03)).toContain(".jsonl");
  });

  it("--fail-on none always exits 0; --only narrows the report", () => {
    const out = audit(["--state-dir", join(examples, "insecure"), "--fail-on", "none", "--only", "N-05"]);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain("N-05");
    expect(out.stdout).not.toContain("N-01");
  });
});

describe("bad input exits 2 with file:line:column and no stack trace", () => {
  it("malformed JSON5 config", () => {
    const dir = mkdtempSync(join(tmpdir(), "cw-bad-"));
    writeFileSync(join(dir, "openclaw.json"), '{\n  gateway: {\n    bind: "lan",,\n  }\n}\n');
    const out = audit(["--state-dir", dir]);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/openclaw\.json:3:\d+/);
    expect(out.stderr).not.toMatch(/\n\s+at /);
    rmSync(dir, { recursive: true, force: true });
  });

  it("unknown flag value and unknown item", () => {
    expect(audit(["--fail-on", "bogus"]).status).toBe(2);
    expect(audit(["--only", "Z-99"]).status).toBe(2);
    const explain = spawnSync(process.execPath, [cli, "explain", "Q-01"], { encoding: "utf8" });
    expect(explain.status).toBe(2);
  });

  it("--debug adds the stack trace", () => {
    const out = audit(["--only", "Z-99", "--debug"]);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/\n\s+at /);
  });
});

describe("audit --live --netns", () => {
  it("reads the firewall inside a network namespace the test made", () => {
    const ns = `cw-cli-${process.pid}`;
    const add = spawnSync("ip", ["netns", "add", ns], { encoding: "utf8" });
    expect(add.status, add.stderr).toBe(0);
    try {
      const out = audit(
        [
          "--state-dir",
          join(examples, "insecure"),
          "--live",
          "--netns",
          ns,
          "--only",
          "N-02",
          "--json",
          "--no-skills",
        ],
        { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" },
      );
      const report = JSON.parse(out.stdout) as AuditReport;
      expect(report.target.live).toBe(true);
      const n02 = report.items.find((r) => r.item.id === "N-02");
      // An empty namespace has no firewall: the evidence comes from the namespace, not "needs --live".
      expect(n02?.findings.some((f) => f.checkId === "N-02.needs-live")).toBe(false);
    } finally {
      spawnSync("ip", ["netns", "delete", ns]);
    }
  });

  it("rejects a namespace name that is not one", () => {
    expect(audit(["--live", "--netns", "../etc"]).status).toBe(2);
  });
});

describe("clawwarden explain", () => {
  it("prints an item's full record", () => {
    const out = spawnSync(process.execPath, [cli, "explain", "n-01"], { encoding: "utf8" });
    expect(out.status).toBe(0);
    expect(out.stdout).toContain("N-01  Bind to loopback");
    expect(out.stdout).toContain("gateway.bind_no_auth");
  });

  it("lists all 41 items", () => {
    const out = spawnSync(process.execPath, [cli, "explain"], { encoding: "utf8" });
    expect(out.stdout.trim().split("\n")).toHaveLength(41);
  });
});
