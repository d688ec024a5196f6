import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messagingItems } from "../../src/catalog/messaging.js";
import { n01, networkItems } from "../../src/catalog/network.js";
import { sandboxItems } from "../../src/catalog/sandbox.js";
import { openclawBin, openclawEnv } from "../helpers/openclaw.js";
import { evaluateItem, SAMPLES_DIR } from "./check-tester.js";
import { conf, globMatch, hardened, insecure, STRONG } from "./helpers/network.js";

describe("a remote-mode client config", () => {
  const remote = conf({
    gateway: {
      mode: "remote",
      bind: "lan",
      auth: { mode: "none" },
      remote: { url: "ws://127.0.0.1:18789", transport: "ssh" },
    },
    discovery: { mdns: { mode: "full" } },
  });
  it("skips the listener items (OpenClaw runs no gateway here) and judges only the tunnel", () => {
    const statuses = networkItems.map((i) => `${i.id}:${evaluateItem(i, remote).status}`);
    expect(statuses).toEqual(["N-01:skip", "N-02:skip", "N-03:skip", "N-04:pass", "N-05:skip", "N-06:skip"]);
    expect(evaluateItem(n01, remote).findings[0]?.message).toContain("another host");
  });
});
describe("network catalog records", () => {
  it("lists N-01..N-06 in order with the planned fix kinds", () => {
    expect(networkItems.map((i) => `${i.id}:${i.fix}`)).toEqual([
      "N-01:auto",
      "N-02:assisted",
      "N-03:auto",
      "N-04:assisted",
      "N-05:auto",
      "N-06:assisted",
    ]);
    for (const item of networkItems) {
      expect(item.category).toBe("network");
      expect(item.priority).toBe("P0");
    }
  });

  it("never mentions a gateway token in clear anywhere in the findings", () => {
    const s = conf({ gateway: { bind: "lan", auth: { token: STRONG } } });
    for (const item of networkItems)
      expect(JSON.stringify(evaluateItem(item, s).findings)).not.toContain(STRONG);
  });
});
describe("agreement with the real OpenClaw 2026.9.6 audit of the sample configs", () => {
  const items = [...networkItems, ...sandboxItems, ...messagingItems];
  const matchesPattern = globMatch;
  const statusOf = (s: ReturnType<typeof insecure>) =>
    new Map(items.map((i) => [i.id, evaluateItem(i, s).status]));

  it("fails one of our mapped items for every critical OpenClaw finding on config-insecure.json", () => {
    const audit = JSON.parse(readFileSync(`${SAMPLES_DIR}/audit-insecure.json`, "utf8")) as {
      findings: Array<{ checkId: string; severity: string }>;
    };
    const status = statusOf(insecure());
    const mapped = audit.findings
      .filter((f) => f.severity === "critical")
      .map((f) => ({
        checkId: f.checkId,
        items: items.filter((i) => i.openclaw.some((p) => matchesPattern(p, f.checkId))),
      }))
      .filter((m) => m.items.length > 0);
    expect(mapped.map((m) => m.checkId)).toEqual(
      expect.arrayContaining([
        "gateway.bind_no_auth",
        "gateway.http.no_auth",
        "tools.elevated.allowFrom.telegram.wildcard",
        "tools.exec.security_full_configured",
        "security.exposure.open_groups_with_runtime_or_fs",
      ]),
    );
    for (const m of mapped) {
      const failing = m.items.filter((i) => status.get(i.id) === "fail").map((i) => i.id);
      expect(failing, `${m.checkId} maps to ${m.items.map((i) => i.id).join(", ")}`).not.toEqual([]);
    }
  });

  it("config-insecure.json fails N-01, N-03, D-01, D-02, S-01, S-04 and S-05", () => {
    const status = statusOf(insecure());
    for (const id of ["N-01", "N-03", "D-01", "D-02", "S-01", "S-04", "S-05"])
      expect(`${id}:${status.get(id)}`).toBe(`${id}:fail`);
  });

  it("config-hardened.json passes every config-decidable item but S-01 (OpenClaw: no critical, no warn)", () => {
    const status = statusOf(hardened());
    // OpenClaw's hardened baseline turns the sandbox off and removes exec/write tools instead; the guide
    // asks for sandbox mode "all"/"non-main", so S-01 fails there, at medium (mitigated) severity.
    expect(status.get("S-01")).toBe("fail");
    const decidable = [
      "N-01",
      "N-02",
      "N-03",
      "N-04",
      "N-05",
      "S-03",
      "S-04",
      "S-05",
      "S-07",
      "D-01",
      "D-02",
      "D-04",
    ];
    for (const id of decidable) expect(`${id}:${status.get(id)}`).toBe(`${id}:pass`);
    // The rest need the rotation log, the live host or a person.
    expect([status.get("N-06"), status.get("S-02"), status.get("S-06"), status.get("D-03")]).toEqual([
      "warn",
      "unknown",
      "unknown",
      "manual",
    ]);
  });
});
describe("N/S/D items on malformed configs", () => {
  // Shapes a hand-edited or half-migrated config can have; OpenClaw would reject most of them, but the
  // audit must still say something about every item instead of throwing.
  const weird: Array<Record<string, unknown>> = [
    { gateway: "lan", agents: [], tools: "full", channels: "telegram", hooks: [] },
    { gateway: { bind: 1, auth: { mode: 3, token: ["a"] }, tailscale: "funnel", remote: { url: 42 } } },
    { agents: { defaults: { sandbox: "all" }, entries: [{ id: "x" }], list: { id: "y" } } },
    {
      agents: {
        entries: {
          a: null,
          b: { sandbox: { docker: { binds: [1, null, "/:/host"], network: 5 } }, tools: [] },
        },
      },
    },
    { tools: { allow: "exec", deny: [1, null], elevated: { allowFrom: { telegram: "*" } }, exec: "full" } },
    {
      channels: {
        telegram: { accounts: ["a"], groups: null, direct: [] },
        discord: { dm: "open", guilds: { g: null } },
      },
    },
    {
      discovery: { mdns: "full" },
      hooks: { mappings: [null, "x", { allowUnsafeExternalContent: "yes" }], gmail: true },
    },
  ];
  for (const [i, value] of weird.entries()) {
    it(`does not throw on shape #${i}`, () => {
      for (const item of [...networkItems, ...sandboxItems, ...messagingItems]) {
        const { findings } = evaluateItem(item, conf(value));
        expect(findings.length, item.id).toBeGreaterThan(0);
      }
    });
  }
});
describe("remediation commands and criticals against the real OpenClaw 2026.9.6", () => {
  // Schema-valid (checked with `openclaw config validate`) and wrong in as many N/S/D ways as possible.
  // Only Telegram among the channels: it is bundled, while Discord/WhatsApp/Slack are plugin packages
  // that OpenClaw would try to install from the network on first use.
  const bad = {
    gateway: {
      mode: "local",
      bind: "lan",
      auth: { mode: "token", token: "short-token" },
      controlUi: { allowedOrigins: ["*"] },
      tools: { allow: ["exec"] },
    },
    discovery: { mdns: { mode: "full" } },
    session: { dmScope: "main" },
    agents: {
      ownership: "explicit",
      defaults: {
        sandbox: {
          mode: "non-main",
          workspaceAccess: "rw",
          docker: {
            network: "bridge",
            readOnlyRoot: false,
            capDrop: ["NET_RAW"],
            binds: ["/var/run/docker.sock:/var/run/docker.sock", "/srv/p:/p"],
          },
        },
      },
      entries: {
        main: {},
        ops: { sandbox: { mode: "off" }, tools: { profile: "full", exec: { mode: "full" } } },
      },
    },
    tools: {
      profile: "coding",
      exec: { security: "full", ask: "off", applyPatch: { workspaceOnly: false } },
      elevated: { allowFrom: { telegram: ["*"] } },
    },
    commands: { bash: true },
    channels: {
      telegram: {
        enabled: true,
        botToken: "1:x",
        dmPolicy: "open",
        allowFrom: ["*"],
        groupPolicy: "open",
        groups: {
          "*": { requireMention: false },
          "-100": { groupPolicy: "open", topics: { "7": { requireMention: false } } },
          "team.ops@example": { requireMention: false },
        },
        accounts: { alt: { botToken: "2:y", dmPolicy: "allowlist", allowFrom: ["*"] } },
        direct: { "12345": { dmPolicy: "open" } },
      },
    },
    hooks: {
      enabled: true,
      token: "a-long-hooks-token-value-0123456789abcdef",
      path: "/hooks",
      mappings: [{ match: { path: "a" }, action: "agent", allowUnsafeExternalContent: true }],
      gmail: { allowUnsafeExternalContent: true },
    },
  };

  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "cw-remediation-"));
    mkdirSync(join(dir, "state"), { mode: 0o700 });
    mkdirSync(join(dir, "home"));
    writeFileSync(join(dir, "state", "openclaw.json"), JSON.stringify(bad, null, 2), { mode: 0o600 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const openclaw = (args: string[]) =>
    spawnSync(openclawBin(), args, {
      env: openclawEnv(join(dir, "home"), join(dir, "state")),
      encoding: "utf8",
      timeout: 150_000,
    });
  const items = [...networkItems, ...sandboxItems, ...messagingItems];

  /** Splits a command line the way a POSIX shell does for plain and single-quoted words. */
  const shellWords = (line: string): string[] =>
    [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) =>
      m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : (m[2] as string),
    );

  it("every `openclaw config set` in the findings passes OpenClaw's own validation (config set --dry-run)", () => {
    const findings = items.flatMap((i) => evaluateItem(i, conf(bad)).findings);
    const commands = findings
      .flatMap((f) =>
        [...(f.remediation ?? "").matchAll(/`openclaw config set ([^`]+)`/g)].map((m) => m[1] as string),
      )
      .filter((c) => !c.includes("--ref-") && !c.includes("<"));
    const ops = [...new Set(commands)].map((c) => {
      const [path, raw = "", ...flags] = shellWords(c);
      const value: unknown = flags.includes("--strict-json")
        ? JSON.parse(raw)
        : raw === "true"
          ? true
          : raw === "false"
            ? false
            : raw;
      return { path, value };
    });
    expect(ops.length).toBeGreaterThanOrEqual(25);
    const run = openclaw(["config", "set", "--batch-json", JSON.stringify(ops), "--dry-run"]);
    expect(`${run.stdout}\n${run.stderr}`, JSON.stringify(ops, null, 1)).toContain(
      `Dry run successful: ${ops.length} update(s) validated`,
    );
    expect(run.status).toBe(0);
  }, 180_000);

  it("fails one of our mapped items for every critical finding of `openclaw security audit` on it", () => {
    const run = openclaw(["security", "audit", "--json"]);
    const audit = JSON.parse(run.stdout) as { findings: Array<{ checkId: string; severity: string }> };
    const status = new Map(items.map((i) => [i.id, evaluateItem(i, conf(bad)).status]));
    const mapped = audit.findings
      .filter((f) => f.severity === "critical")
      .map((f) => ({
        checkId: f.checkId,
        items: items.filter((i) => i.openclaw.some((p) => globMatch(p, f.checkId))),
      }))
      .filter((m) => m.items.length > 0);
    expect(mapped.length).toBeGreaterThanOrEqual(5);
    for (const m of mapped) {
      const failing = m.items.filter((i) => status.get(i.id) === "fail").map((i) => i.id);
      expect(failing, `${m.checkId} → ${m.items.map((i) => i.id).join(", ")}`).not.toEqual([]);
    }
  }, 180_000);
});
describe("finding fingerprints", () => {
  const multi = conf({
    gateway: { bind: "lan", auth: { token: "short" } },
    agents: {
      defaults: {
        sandbox: { mode: "all", workspaceAccess: "rw", docker: { network: "bridge", binds: ["/etc:/e"] } },
      },
      entries: {
        a: { sandbox: { mode: "all" } },
        b: { tools: { profile: "full", exec: { mode: "full" } } },
        c: { sandbox: { mode: "off" } },
      },
    },
    tools: { elevated: { allowFrom: { telegram: ["*"], discord: ["*"] } } },
    channels: {
      telegram: {
        dmPolicy: "open",
        groupPolicy: "open",
        accounts: { x: {}, y: { dmPolicy: "open" } },
        groups: { "1": { requireMention: false }, "2": { requireMention: false } },
      },
      signal: { dmPolicy: "open" },
    },
    hooks: { mappings: [{ allowUnsafeExternalContent: true }, { allowUnsafeExternalContent: true }] },
  });
  it("are unique within each item, so a suppression or baseline entry hits exactly one finding", () => {
    for (const item of [...networkItems, ...sandboxItems, ...messagingItems]) {
      const prints = evaluateItem(item, multi).findings.map((f) => `${f.checkId} ${f.fingerprint}`);
      expect(prints, item.id).toEqual([...new Set(prints)]);
    }
  });
});
