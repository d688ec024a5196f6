import { createHash } from "node:crypto";
import {
  chmodSync,
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkIdMatches, guideItemFor, openclawToGuide } from "../../src/catalog/openclaw-index.js";
import { collectOpenClaw, parseJsonLoose } from "../../src/deployment/openclaw-cli.js";
import type { Locator, OpenClawFacts } from "../../src/model/snapshot.js";
import { openclawBin, openclawEnv, openclawPath } from "../helpers/openclaw.js";

const GUIDE_ID = /^(N-0[1-6]|S-0[1-7]|D-0[1-4]|K-0[1-5]|C-0[1-5]|A-0[1-5]|L-0[1-4]|P-0[1-5])$/;

const insecureConfig = {
  gateway: { mode: "local", bind: "lan", port: 18789, auth: { mode: "none" } },
  channels: {
    telegram: {
      enabled: true,
      botToken: "123456:ABCDEF-fake-test-bot-token",
      dmPolicy: "open",
      allowFrom: ["*"],
      groupPolicy: "open",
    },
  },
  tools: { profile: "full", exec: { security: "full", ask: "off" } },
};

const tmp = mkdtempSync(join(tmpdir(), "cw-oc-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function deployment(
  name: string,
  config: unknown,
): { locator: Locator; env: Record<string, string | undefined> } {
  const stateDir = join(tmp, name, "state");
  const home = join(tmp, name, "home");
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  mkdirSync(home, { recursive: true });
  const configPath = join(stateDir, "openclaw.json");
  writeFileSync(configPath, JSON.stringify(config, null, 2), { mode: 0o600 });
  const locator: Locator = {
    stateDir,
    configPath,
    stateDirSource: "flag",
    configPathSource: "flag",
    home,
  };
  // The caller's env deliberately points elsewhere: collectOpenClaw must pin OpenClaw to the locator.
  const env = { ...openclawEnv(home, join(tmp, "elsewhere")), OPENCLAW_PROFILE: "other" };
  return { locator, env };
}

describe("collectOpenClaw against the real OpenClaw 2026.9.6", () => {
  let facts: OpenClawFacts;
  beforeAll(async () => {
    const { locator, env } = deployment("insecure", insecureConfig);
    facts = await collectOpenClaw({ locator, env, doctor: true, timeoutMs: 120_000 });
  });

  it("finds openclaw on PATH and reads its version", () => {
    expect(facts.bin).toBe(openclawBin());
    expect(facts.version).toEqual({ known: true, value: "2026.9.6" });
  });

  it("parses the audit of the audited deployment (not the caller's OPENCLAW_STATE_DIR)", () => {
    expect(facts.audit.known).toBe(true);
    if (!facts.audit.known) return;
    const ids = facts.audit.value.findings.map((f) => f.checkId);
    expect(ids).toContain("gateway.bind_no_auth");
    expect(ids).toContain("tools.exec.security_full_configured");
    const critical = facts.audit.value.findings.filter((f) => f.severity === "critical").length;
    expect(facts.audit.value.summary.critical).toBe(critical);
    expect(critical).toBeGreaterThan(0);
  });

  it("keeps doctor --lint findings although doctor exits 1 on errors", () => {
    expect(facts.doctorLint.known).toBe(true);
    if (!facts.doctorLint.known) return;
    expect(facts.doctorLint.value.ok).toBe(false);
    const requirements = facts.doctorLint.value.findings.map((f) => f.requirement);
    expect(requirements).toContain("config.plaintext_secrets");
  });
});

/** Every entry under a dir with its size, mode, mtime and content hash: what "untouched" means. */
function treeState(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const st = lstatSync(p);
      const hash = st.isFile() ? createHash("sha256").update(readFileSync(p)).digest("hex") : "";
      out.push(`${p} ${st.mode.toString(8)} ${st.size} ${st.mtimeMs} ${hash}`);
      if (st.isDirectory()) walk(p);
    }
  };
  out.push(`${root} ${lstatSync(root).mtimeMs}`);
  walk(root);
  return out;
}

describe("openclaw runs on a private copy of the state dir (issue 18.7), its suppressions kept", () => {
  it("the audited state dir is untouched (OpenClaw writes its SQLite state where it reads), nothing private is left, and paths in its findings name the real dir", async () => {
    const stateDir = join(tmp, "private-copy", "state");
    const home = join(tmp, "private-copy", "home");
    const privateRoot = join(tmp, "private-copy", "private");
    cpSync(join(import.meta.dirname, "..", "..", "examples", "hardened"), stateDir, { recursive: true });
    mkdirSync(home, { recursive: true });
    mkdirSync(privateRoot, { recursive: true });
    const config = JSON.parse(readFileSync(join(stateDir, "openclaw.json"), "utf8"));
    config.security = {
      audit: { suppressions: [{ checkId: "gateway.http.no_auth", reason: "loopback only" }] },
    };
    writeFileSync(join(stateDir, "openclaw.json"), JSON.stringify(config, null, 2));
    chmodSync(join(stateDir, "openclaw.json"), 0o644);
    const locator: Locator = {
      stateDir,
      configPath: join(stateDir, "openclaw.json"),
      stateDirSource: "flag",
      configPathSource: "flag",
      home,
    };
    const before = treeState(stateDir);
    const saved = process.env.CLAWWARDEN_PRIVATE_DIR;
    process.env.CLAWWARDEN_PRIVATE_DIR = privateRoot;
    let facts: OpenClawFacts;
    try {
      facts = await collectOpenClaw({
        locator,
        env: openclawEnv(home, stateDir),
        doctor: true,
        timeoutMs: 120_000,
      });
    } finally {
      if (saved === undefined) delete process.env.CLAWWARDEN_PRIVATE_DIR;
      else process.env.CLAWWARDEN_PRIVATE_DIR = saved;
    }
    expect(treeState(stateDir)).toEqual(before);
    expect(readdirSync(privateRoot)).toEqual([]);
    expect(facts.audit.known).toBe(true);
    if (!facts.audit.known) return;
    const perms = facts.audit.value.findings.find(
      (f) => /perms/.test(f.checkId) && /openclaw\.json/.test(JSON.stringify(f)),
    );
    expect(perms, JSON.stringify(facts.audit.value.findings.map((f) => f.checkId))).toBeDefined();
    expect(JSON.stringify(perms)).toContain(stateDir);
    expect(JSON.stringify(facts.audit.value)).not.toContain(privateRoot);
    // OpenClaw's own suppressions: its suppressedFindings stay visible, marked.
    expect(facts.audit.value.findings.filter((f) => f.suppressed).map((f) => f.checkId)).toEqual([
      "gateway.http.no_auth",
    ]);
  }, 180_000);
});

describe("a config outside the state dir (issue 18.7)", () => {
  it("OpenClaw on the private copy still reads the config and the include beside it", async () => {
    const base = join(tmp, "outside");
    const stateDir = join(base, "state");
    const etc = join(base, "etc");
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    mkdirSync(join(etc, "parts"), { recursive: true });
    mkdirSync(join(base, "home"), { recursive: true });
    writeFileSync(join(etc, "openclaw.json"), JSON.stringify({ $include: "./parts/gateway.json5" }), {
      mode: 0o600,
    });
    writeFileSync(join(etc, "parts", "gateway.json5"), JSON.stringify(insecureConfig), { mode: 0o600 });
    const locator: Locator = {
      stateDir,
      configPath: join(etc, "openclaw.json"),
      stateDirSource: "flag",
      configPathSource: "flag",
      home: join(base, "home"),
    };
    const facts = await collectOpenClaw({
      locator,
      env: openclawEnv(join(base, "home"), stateDir),
      configFiles: [join(etc, "openclaw.json"), join(etc, "parts", "gateway.json5")],
      timeoutMs: 120_000,
    });
    expect(facts.audit.known, facts.audit.known ? "" : facts.audit.reason).toBe(true);
    if (!facts.audit.known) return;
    expect(facts.audit.value.findings.map((f) => f.checkId)).toContain("gateway.bind_no_auth");
  }, 180_000);
});

describe("collectOpenClaw failure modes become unknown facts", () => {
  it("reports OpenClaw's config issues when it rejects the config", async () => {
    const { locator, env } = deployment("invalid", { gateway: { mode: "local", bind: "0.0.0.0" } });
    const facts = await collectOpenClaw({ locator, env, timeoutMs: 120_000 });
    expect(facts.version.known).toBe(true);
    expect(facts.audit.known).toBe(false);
    if (facts.audit.known) return;
    expect(facts.audit.reason).toMatch(/rejected the config/);
    expect(facts.audit.reason).toContain("gateway.bind");
    expect(facts.doctorLint.known).toBe(false);
  });

  it("reports why OpenClaw refused to audit (file-era exec-approvals.json needs doctor --fix)", async () => {
    const { locator, env } = deployment("legacy", { gateway: { mode: "local" } });
    writeFileSync(
      join(locator.stateDir, "exec-approvals.json"),
      JSON.stringify({ version: 1, defaults: {} }),
    );
    const facts = await collectOpenClaw({ locator, env, timeoutMs: 120_000 });
    expect(facts.audit).toMatchObject({ known: false });
    if (!facts.audit.known) expect(facts.audit.reason).toMatch(/refused to run: Legacy exec approvals exist/);
  });

  it("turns 'node:sqlite is unavailable' under an old Node into an unknown with a hint", async () => {
    const { locator, env } = deployment("old-node", {});
    const openclawDir =
      openclawPath()
        .split(":")
        .find((d) => d.endsWith(".bin")) ?? "";
    // Only the openclaw bin dir and the system dirs: `#!/usr/bin/env node` then finds the system Node 20.
    const facts = await collectOpenClaw({
      locator,
      env: { ...env, PATH: `${openclawDir}:/usr/local/bin:/usr/bin:/bin` },
      doctor: true,
    });
    for (const fact of [facts.version, facts.audit, facts.doctorLint]) {
      expect(fact.known).toBe(false);
      if (fact.known) continue;
      expect(fact.reason).toMatch(/node:sqlite is unavailable/);
      expect(fact.hint).toMatch(/Node 24 .*PATH.*--openclaw-bin/);
    }
  });

  it("says so when openclaw is not on PATH", async () => {
    const { locator } = deployment("no-cli", {});
    const facts = await collectOpenClaw({ locator, env: { PATH: "/usr/bin:/bin" } });
    expect(facts.bin).toBeUndefined();
    expect(facts.audit).toMatchObject({ known: false, reason: "openclaw CLI not found on PATH" });
    expect(facts.version.known).toBe(false);
  });

  it("rejects an --openclaw-bin that is not an executable file", async () => {
    const { locator, env } = deployment("bad-bin", {});
    const notExec = join(tmp, "not-exec");
    writeFileSync(notExec, "#!/bin/sh\necho hi\n");
    chmodSync(notExec, 0o644);
    for (const bin of [notExec, join(tmp, "missing"), tmp]) {
      const facts = await collectOpenClaw({ locator, env, bin });
      expect(facts.audit.known).toBe(false);
      if (!facts.audit.known) expect(facts.audit.reason).toContain("is not an executable file");
    }
  });

  it("kills a run that exceeds the timeout instead of hanging", async () => {
    const { locator, env } = deployment("timeout", insecureConfig);
    const started = Date.now();
    const facts = await collectOpenClaw({ locator, env, bin: openclawBin(), timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(facts.audit.known).toBe(false);
    if (!facts.audit.known) expect(facts.audit.reason).toMatch(/timed out after \d+ ms/);
    // The launcher re-spawns OpenClaw in a new session; that worker must be gone too.
    await new Promise((r) => setTimeout(r, 500));
    expect(processesWithEnv(locator.stateDir)).toEqual([]);
  });
});

/** Live processes whose environment mentions `text` (zombies have an empty environ). */
function processesWithEnv(text: string): number[] {
  return readdirSync("/proc")
    .filter((n) => /^\d+$/.test(n))
    .filter((n) => {
      try {
        return readFileSync(`/proc/${n}/environ`, "utf8").includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe("parseJsonLoose", () => {
  it("parses plain JSON and JSON after log lines", () => {
    expect(parseJsonLoose('{"a":1}')).toEqual({ a: 1 });
    expect(parseJsonLoose('[plugins] warning: something {odd}\n{"summary":{"critical":1}}\n')).toEqual({
      summary: { critical: 1 },
    });
  });
  it("gives undefined for garbage, truncated JSON and empty output", () => {
    expect(parseJsonLoose("")).toBeUndefined();
    expect(parseJsonLoose("Segmentation fault")).toBeUndefined();
    expect(parseJsonLoose('{"findings":[{"checkId":')).toBeUndefined();
  });
});

describe("openclawToGuide / guideItemFor", () => {
  it("maps the examples named in the guide and the reference", () => {
    const expected: Record<string, string> = {
      "gateway.bind_no_auth": "N-01",
      "gateway.loopback_no_auth": "N-03",
      "gateway.token_too_short": "N-03",
      "discovery.mdns_full_mode": "N-05",
      "gateway.tailscale_funnel": "N-04",
      "sandbox.dangerous_network_mode": "S-03",
      "sandbox.dangerous_bind_mount": "S-07",
      "tools.exec.security_full_configured": "S-05",
      "tools.elevated.allowFrom.telegram.wildcard": "S-05",
      "tools.elevated.allowFrom.discord.large": "S-05",
      "security.exposure.open_groups_with_elevated": "D-02",
      "security.exposure.open_groups_with_runtime_or_fs": "D-02",
      "channels.telegram.dm.open": "D-01",
      "channels.slack.dm.open_invalid": "D-01",
      "channels.telegram.groups.allowFrom.wildcard": "D-02",
      "hooks.installs_missing_integrity": "K-05",
      "hooks.allowed_agent_ids_unrestricted": "N-03",
      "gateway.control_ui.allowed_origins_wildcard": "N-01",
      "plugins.code_safety.entry_escape": "K-01",
      "fs.state_dir.perms_world_writable": "C-02",
      "fs.config.perms_writable": "C-02",
      "config.secrets.hooks_token_in_config": "C-01",
      "config.plaintext_secrets": "C-01",
      "plugins.extensions_no_allowlist": "K-05",
      "plugins.my-plugin.security_audit_failed": "K-05",
      "skills.code_safety": "K-01",
      "models.weak_tier": "L-01",
    };
    for (const [checkId, item] of Object.entries(expected))
      expect([checkId, guideItemFor(checkId)]).toEqual([checkId, item]);
  });

  it("matches catalog-style patterns", () => {
    expect(checkIdMatches("channels.*.dm.open", "channels.telegram.dm.open")).toBe(true);
    expect(checkIdMatches("channels.*.dm.open", "channels.telegram.dm.open_invalid")).toBe(false);
    expect(
      checkIdMatches(
        "tools.elevated.allowFrom.<provider>.wildcard",
        "tools.elevated.allowFrom.slack.wildcard",
      ),
    ).toBe(true);
    expect(checkIdMatches("fs.*", "fs.config.perms_writable")).toBe(true);
    expect(checkIdMatches("fs.*", "fs")).toBe(false);
    expect(checkIdMatches("gateway.bind_no_auth", "gateway.bind_no_auth")).toBe(true);
  });

  it("has no item for informational summaries or unknown families", () => {
    expect(guideItemFor("summary.attack_surface")).toBeUndefined();
    expect(guideItemFor("something.new")).toBeUndefined();
    expect(guideItemFor("fs")).toBeUndefined();
  });

  it("only names real guide items", () => {
    for (const item of Object.values(openclawToGuide)) expect(item).toMatch(GUIDE_ID);
  });

  it("maps every checkId of OpenClaw's own audit-checks catalog (except summary.*)", () => {
    const doc = join(
      dirname(openclawBin()),
      "..",
      "openclaw",
      "docs",
      "gateway",
      "security",
      "audit-checks.md",
    );
    const ids = [...readFileSync(doc, "utf8").matchAll(/^\| `([^`]+)`/gm)]
      .map((m) => (m[1] ?? "").replace(/<[^>]+>/g, "x"))
      .filter((id) => id.includes(".") && !id.startsWith("summary."));
    expect(ids.length).toBeGreaterThan(100);
    const unmapped = ids.filter((id) => guideItemFor(id) === undefined);
    expect(unmapped).toEqual([]);
  });
});
