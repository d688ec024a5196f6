import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messagingItems } from "../../src/catalog/messaging.js";
import { n01, n02, n03, n04, n05, n06, networkItems } from "../../src/catalog/network.js";
import { sandboxItems } from "../../src/catalog/sandbox.js";
import { secretFingerprint } from "../../src/util/fingerprint.js";
import { openclawBin, openclawEnv } from "../helpers/openclaw.js";
import { configSnapshot, evaluateItem, runCases, SAMPLES_DIR } from "./check-tester.js";
import { snapshot } from "./snapshot-fixture.js";

/** OpenClaw checkId patterns in item records: `*` stands for one key segment. */
const globMatch = (pattern: string, checkId: string) =>
  new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join("[^.]+")}$`,
  ).test(checkId);

const conf = (
  value: Record<string, unknown>,
  positions: Record<string, { file: string; line: number }> = {},
) => snapshot({ config: { value, positions } });
const CONFIG = "/home/op/.openclaw/openclaw.json";
const STRONG = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const insecure = () => configSnapshot(`${SAMPLES_DIR}/config-insecure.json`);
const hardened = () =>
  configSnapshot(`${SAMPLES_DIR}/config-hardened.json`, { env: { OPENCLAW_GATEWAY_TOKEN: STRONG } });

runCases(n01, [
  {
    name: "unset bind warns (loopback on a host, 0.0.0.0 in containers)",
    snapshot: conf({}),
    expect: {
      status: "warn",
      severity: "low",
      checks: ["bind-default"],
      evidenceIncludes: "gateway.bind is unset",
    },
  },
  {
    name: "loopback passes with file:line evidence",
    snapshot: conf({ gateway: { bind: "loopback" } }, { "gateway.bind": { file: CONFIG, line: 3 } }),
    expect: { status: "pass", checks: ["bind-loopback"], evidenceIncludes: `${CONFIG}:3` },
  },
  {
    name: "lan fails critical and names the fix command",
    snapshot: conf({ gateway: { bind: "lan" } }, { "gateway.bind": { file: CONFIG, line: 4 } }),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["bind-lan"],
      evidenceIncludes: ["gateway.bind", `${CONFIG}:4`],
      remediationIncludes: "openclaw config set gateway.bind loopback",
    },
  },
  {
    name: "auto fails (0.0.0.0 in containers)",
    output: true,
    snapshot: conf({ gateway: { bind: "auto" } }),
    expect: { status: "fail", severity: "high", checks: ["bind-auto"] },
  },
  {
    name: "tailnet warns",
    snapshot: conf({ gateway: { bind: "tailnet" } }),
    expect: { status: "warn", checks: ["bind-tailnet"] },
  },
  {
    name: "custom on 127.0.0.1 passes",
    snapshot: conf({ gateway: { bind: "custom", customBindHost: "127.0.0.1" } }),
    expect: { status: "pass", checks: ["bind-custom-loopback"] },
  },
  {
    name: "custom on a LAN address fails",
    snapshot: conf({ gateway: { bind: "custom", customBindHost: "192.168.1.20" } }),
    expect: {
      status: "fail",
      checks: ["bind-custom"],
      messageIncludes: "192.168.1.20",
      evidenceIncludes: "customBindHost",
    },
  },
  {
    name: "custom without a host falls back to 0.0.0.0 and fails",
    output: true,
    snapshot: conf({ gateway: { bind: "custom" } }),
    expect: { status: "fail", checks: ["bind-custom"], messageIncludes: "0.0.0.0" },
  },
  {
    name: "host alias 0.0.0.0 fails",
    output: true,
    snapshot: conf({ gateway: { bind: "0.0.0.0" } }),
    expect: { status: "fail", checks: ["bind-wildcard"] },
  },
  {
    name: "an unknown value warns as invalid",
    snapshot: conf({ gateway: { bind: "localhost" } }),
    expect: { status: "warn", checks: ["bind-invalid"] },
  },
  {
    name: "wildcard Control UI origins on loopback warn",
    snapshot: conf({ gateway: { bind: "loopback", controlUi: { allowedOrigins: ["*"] } } }),
    expect: { status: "warn", checks: ["bind-loopback", "control-ui-origins-wildcard"] },
  },
  {
    name: "real insecure config: lan bind and wildcard origins fail with the line they are on",
    snapshot: insecure(),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["bind-lan", "control-ui-origins-wildcard"],
      evidenceIncludes: "config-insecure.json:4",
    },
  },
  {
    name: "real hardened config passes",
    snapshot: hardened(),
    expect: { status: "pass", checks: ["bind-loopback"] },
  },
]);

runCases(n02, [
  {
    name: "loopback bind passes with a note that the firewall itself was not read",
    snapshot: conf({ gateway: { bind: "loopback" } }),
    expect: { status: "pass", checks: ["loopback-only"], messageIncludes: ["not read", "--live"] },
  },
  {
    name: "default bind counts as loopback-only",
    snapshot: conf({}),
    expect: { status: "pass", checks: ["loopback-only"] },
  },
  {
    name: "lan bind needs --live, naming the configured port",
    snapshot: conf({ gateway: { bind: "lan", port: 19001 } }),
    expect: {
      status: "unknown",
      checks: ["needs-live"],
      messageIncludes: ["needs --live", "19001/tcp"],
      evidenceIncludes: "gateway.port",
    },
  },
  { name: "real insecure config needs --live", snapshot: insecure(), expect: { status: "unknown" } },
  { name: "real hardened config passes", snapshot: hardened(), expect: { status: "pass" } },
]);

const tokenAt = { "gateway.auth.token": { file: CONFIG, line: 7 } };
runCases(n03, [
  {
    name: "auth mode none fails critical",
    output: true,
    snapshot: conf({ gateway: { auth: { mode: "none" } } }),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["auth-none"],
      remediationIncludes: "gateway.auth.mode token",
    },
  },
  {
    name: "no token anywhere fails (OpenClaw: gateway.loopback_no_auth)",
    snapshot: conf({}),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["token-missing"],
      evidenceIncludes: "OPENCLAW_GATEWAY_TOKEN is not set",
    },
  },
  {
    name: "token from OPENCLAW_GATEWAY_TOKEN passes",
    snapshot: snapshot({ envSet: ["OPENCLAW_GATEWAY_TOKEN"] }),
    expect: { status: "pass", checks: ["token-env"] },
  },
  {
    name: "placeholder token fails critical and is never shown",
    snapshot: conf({ gateway: { auth: { mode: "token", token: "change-me-now" } } }, tokenAt),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["token-placeholder"],
      evidenceIncludes: `${CONFIG}:7`,
      nowhere: "change-me-now",
    },
  },
  {
    name: "short plaintext token fails (high on loopback), shows only a fingerprint",
    output: true,
    snapshot: conf({ gateway: { auth: { mode: "token", token: "s3cr3tX" } } }, tokenAt),
    expect: {
      status: "fail",
      severity: "high",
      checks: ["token-short", "token-plaintext"],
      evidenceIncludes: [secretFingerprint("s3cr3tX"), "7 characters"],
      nowhere: "s3cr3tX",
    },
  },
  {
    name: "long but low-entropy token fails, critical when the gateway listens on the network",
    output: true,
    snapshot: conf({ gateway: { bind: "lan", auth: { token: "abcabcabcabcabcabcabcabcabcabc" } } }),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["token-low-entropy", "token-plaintext"],
      nowhere: "abcabcabcabcabcabcabcabcabcabc",
    },
  },
  {
    name: "strong plaintext token warns only about plaintext",
    snapshot: conf({ gateway: { auth: { token: STRONG } } }),
    expect: {
      status: "warn",
      checks: ["token-plaintext"],
      absentChecks: ["token-short", "token-low-entropy"],
      remediationIncludes: "--ref-source env --ref-id OPENCLAW_GATEWAY_TOKEN",
      nowhere: STRONG,
    },
  },
  {
    name: "strong token substituted from an env placeholder passes",
    snapshot: snapshot({
      config: {
        value: { gateway: { auth: { token: STRONG } } },
        envSubstituted: { "gateway.auth.token": ["GW_TOKEN"] },
      },
    }),
    expect: { status: "pass", checks: ["token-strong"], nowhere: STRONG },
  },
  {
    name: "an unresolved env placeholder warns",
    snapshot: conf({ gateway: { auth: { token: `$${"{"}GW_TOKEN}` } } }),
    expect: { status: "warn", checks: ["token-env-unset"], messageIncludes: "GW_TOKEN" },
  },
  {
    name: "env SecretRef with the variable set passes",
    snapshot: snapshot({
      envSet: ["OPENCLAW_GATEWAY_TOKEN"],
      config: {
        value: {
          gateway: { auth: { token: { source: "env", provider: "default", id: "OPENCLAW_GATEWAY_TOKEN" } } },
        },
      },
    }),
    expect: { status: "pass", checks: ["token-secretref"] },
  },
  {
    name: "env SecretRef with the variable unset warns (OpenClaw: gateway.http.no_auth warn)",
    snapshot: conf({
      gateway: {
        auth: { mode: "token", token: { source: "env", provider: "default", id: "OPENCLAW_GATEWAY_TOKEN" } },
      },
    }),
    expect: { status: "warn", checks: ["token-ref-env-unset"] },
  },
  {
    name: "an env SecretRef outside OPENCLAW_* is not claimed to be unset",
    snapshot: conf({ gateway: { auth: { token: { source: "env", provider: "default", id: "GW_TOKEN" } } } }),
    expect: {
      status: "pass",
      checks: ["token-secretref"],
      messageIncludes: "whether GW_TOKEN is set was not checked",
    },
  },
  {
    name: "the $VAR shorthand for OPENCLAW_GATEWAY_TOKEN, unset, warns",
    snapshot: conf({ gateway: { auth: { token: "$OPENCLAW_GATEWAY_TOKEN" } } }),
    expect: { status: "warn", checks: ["token-env-unset"] },
  },
  {
    name: "the $VAR shorthand, set, passes",
    snapshot: snapshot({
      envSet: ["OPENCLAW_GATEWAY_TOKEN"],
      config: { value: { gateway: { auth: { token: "$OPENCLAW_GATEWAY_TOKEN" } } } },
    }),
    expect: { status: "pass", checks: ["token-env"], messageIncludes: "which is set" },
  },
  {
    name: "file SecretRef passes without resolving",
    snapshot: conf({ gateway: { auth: { token: { source: "file", provider: "vault", id: "/gw/token" } } } }),
    expect: { status: "pass", checks: ["token-secretref"] },
  },
  {
    name: "password mode with a short plaintext password fails",
    snapshot: conf({ gateway: { auth: { mode: "password", password: "hunter2hunter" } } }),
    expect: { status: "fail", checks: ["password-short", "password-plaintext"], nowhere: "hunter2hunter" },
  },
  {
    name: "password mode without a password fails",
    snapshot: conf({ gateway: { auth: { mode: "password" } } }),
    expect: { status: "fail", checks: ["password-missing"] },
  },
  {
    name: "unset mode with only a password env var uses the password",
    snapshot: snapshot({ envSet: ["OPENCLAW_GATEWAY_PASSWORD"] }),
    expect: { status: "pass", checks: ["password-env"] },
  },
  {
    name: "trusted-proxy without proxies fails",
    snapshot: conf({ gateway: { auth: { mode: "trusted-proxy" } } }),
    expect: { status: "fail", checks: ["trusted-proxy-incomplete"] },
  },
  {
    name: "complete trusted-proxy setup warns to verify the proxy",
    snapshot: conf({
      gateway: {
        trustedProxies: ["10.0.0.2"],
        auth: { mode: "trusted-proxy", trustedProxy: { userHeader: "x-user" } },
      },
    }),
    expect: { status: "warn", severity: "medium", checks: ["trusted-proxy"] },
  },
  {
    name: "lan bind with a strong env token but no rate limit warns",
    snapshot: snapshot({
      envSet: ["OPENCLAW_GATEWAY_TOKEN"],
      config: { value: { gateway: { bind: "lan" } } },
    }),
    expect: {
      status: "warn",
      checks: ["token-env", "no-rate-limit"],
      remediationIncludes: "gateway.auth.rateLimit",
    },
  },
  {
    name: "a hooks token equal to the gateway token fails critical, fingerprints only",
    snapshot: conf({
      gateway: { auth: { mode: "token", token: STRONG } },
      hooks: { enabled: true, token: STRONG },
    }),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["hooks-token-reused", "token-plaintext"],
      nowhere: STRONG,
    },
  },
  {
    name: "an invalid auth mode fails",
    snapshot: conf({ gateway: { auth: { mode: "basic" } } }),
    expect: { status: "fail", checks: ["auth-mode-invalid"] },
  },
  {
    name: "real insecure config fails on auth none",
    snapshot: insecure(),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["auth-none"],
      evidenceIncludes: "config-insecure.json:6",
    },
  },
  {
    name: "real hardened config passes (env SecretRef, variable set)",
    snapshot: hardened(),
    expect: { status: "pass", checks: ["token-secretref"], nowhere: STRONG },
  },
  {
    name: "real hardened config without the variable warns like OpenClaw does",
    snapshot: configSnapshot(`${SAMPLES_DIR}/config-hardened.json`),
    expect: { status: "warn", checks: ["token-ref-env-unset"] },
  },
]);

runCases(n04, [
  {
    name: "loopback without tunnels passes with a --live note",
    snapshot: conf({ gateway: { bind: "loopback" } }),
    expect: { status: "pass", checks: ["loopback-no-direct"], messageIncludes: "--live" },
  },
  {
    name: "Tailscale Funnel fails critical",
    snapshot: conf({ gateway: { bind: "loopback", tailscale: { mode: "funnel" } } }),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["tailscale-funnel"],
      remediationIncludes: "gateway.tailscale.mode serve",
    },
  },
  {
    name: "Tailscale Serve passes",
    snapshot: conf({ gateway: { tailscale: { mode: "serve" } } }),
    expect: { status: "pass", checks: ["tailscale-serve"] },
  },
  {
    name: "lan bind without a tunnel fails",
    snapshot: conf({ gateway: { bind: "lan" } }),
    expect: { status: "fail", checks: ["direct-exposure"], remediationIncludes: "ssh -N -L" },
  },
  {
    name: "tailnet bind passes (Tailscale is the tunnel)",
    snapshot: conf({ gateway: { bind: "tailnet" } }),
    expect: { status: "pass", checks: ["tailnet-bind"] },
  },
  {
    name: "remote mode over SSH passes",
    snapshot: conf({ gateway: { mode: "remote", remote: { url: "ws://10.0.0.5:18789", transport: "ssh" } } }),
    expect: { status: "pass", checks: ["remote-tunnel"] },
  },
  {
    name: "remote mode through a local forward passes",
    snapshot: conf({ gateway: { mode: "remote", remote: { url: "ws://127.0.0.1:18789" } } }),
    expect: { status: "pass", checks: ["remote-tunnel"] },
  },
  {
    name: "remote mode over the tailnet passes",
    snapshot: conf({ gateway: { mode: "remote", remote: { url: "wss://gw.tail1234.ts.net" } } }),
    expect: { status: "pass", checks: ["remote-tailnet"] },
  },
  {
    name: "remote mode straight to a public host over ws:// fails",
    snapshot: conf({
      gateway: { mode: "remote", remote: { url: "ws://203.0.113.9:18789", transport: "direct" } },
    }),
    expect: { status: "fail", checks: ["remote-direct-plaintext"], messageIncludes: "203.0.113.9" },
  },
  {
    name: "remote mode straight to a public host over wss:// warns",
    snapshot: conf({ gateway: { mode: "remote", remote: { url: "wss://gw.example.com" } } }),
    expect: { status: "warn", checks: ["remote-direct"] },
  },
  {
    name: "an unrecognised bind needs --live",
    snapshot: conf({ gateway: { bind: "localhost" } }),
    expect: { status: "unknown", checks: ["needs-live"] },
  },
  {
    name: "real insecure config fails",
    snapshot: insecure(),
    expect: { status: "fail", checks: ["direct-exposure"] },
  },
  { name: "real hardened config passes", snapshot: hardened(), expect: { status: "pass" } },
]);

runCases(n05, [
  {
    name: "full mode fails, critical when the gateway is on the network",
    output: true,
    snapshot: conf({ discovery: { mdns: { mode: "full" } }, gateway: { bind: "lan" } }),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["mdns-full"],
      remediationIncludes: "discovery.mdns.mode off",
    },
  },
  {
    name: "full mode on loopback fails high",
    output: true,
    snapshot: conf({ discovery: { mdns: { mode: "full" } } }),
    expect: { status: "fail", severity: "high", checks: ["mdns-full"] },
  },
  {
    name: "minimal mode with the bonjour plugin enabled warns",
    snapshot: conf({
      discovery: { mdns: { mode: "minimal" } },
      plugins: { entries: { bonjour: { enabled: true } } },
    }),
    expect: { status: "warn", checks: ["mdns-minimal"] },
  },
  {
    name: "default mode on a macOS host warns (bonjour auto-starts there)",
    snapshot: snapshot({ locator: { home: "/Users/op" } }),
    expect: { status: "warn", checks: ["mdns-minimal"], messageIncludes: "macOS" },
  },
  {
    name: "default mode on Linux without the plugin passes with a note",
    snapshot: conf({}),
    expect: { status: "pass", checks: ["bonjour-not-enabled"] },
  },
  {
    name: "off passes",
    snapshot: conf({
      discovery: { mdns: { mode: "off" } },
      plugins: { entries: { bonjour: { enabled: true } } },
    }),
    expect: { status: "pass", checks: ["mdns-off"] },
  },
  {
    name: "OPENCLAW_DISABLE_BONJOUR turns advertising off",
    snapshot: snapshot({
      envSet: ["OPENCLAW_DISABLE_BONJOUR"],
      config: { value: { discovery: { mdns: { mode: "minimal" } } } },
    }),
    expect: { status: "pass", checks: ["env-disabled"] },
  },
  {
    name: "OPENCLAW_DISABLE_BONJOUR masking full mode warns low",
    snapshot: snapshot({
      envSet: ["OPENCLAW_DISABLE_BONJOUR"],
      config: { value: { discovery: { mdns: { mode: "full" } } } },
    }),
    expect: { status: "warn", severity: "low", checks: ["env-masks-full"] },
  },
  {
    name: "bonjour plugin disabled passes",
    snapshot: conf({ plugins: { entries: { bonjour: { enabled: false } } } }),
    expect: { status: "pass", checks: ["bonjour-disabled"] },
  },
  {
    name: "wide-area DNS-SD warns",
    snapshot: conf({ discovery: { mdns: { mode: "off" }, wideArea: { domain: "openclaw.example.com" } } }),
    expect: { status: "warn", severity: "low", checks: ["wide-area", "mdns-off"] },
  },
  {
    name: "real insecure config (Linux, plugin not enabled) passes",
    snapshot: insecure(),
    expect: { status: "pass" },
  },
  { name: "real hardened config passes", snapshot: hardened(), expect: { status: "pass" } },
]);

const rotation = (at: string, fingerprint = "abc…wxyz (sha256:00000000)") => ({
  rotations: {
    known: true as const,
    value: [{ target: "gateway.auth.token", at, fingerprint, by: "clawwarden" }],
  },
});
runCases(n06, [
  {
    name: "no rotation recorded warns",
    snapshot: snapshot({ envSet: ["OPENCLAW_GATEWAY_TOKEN"] }),
    expect: {
      status: "warn",
      severity: "medium",
      checks: ["no-rotation-recorded"],
      remediationIncludes: "clawwarden rotate gateway-token",
    },
  },
  {
    name: "a rotation 10 days ago passes",
    snapshot: snapshot(rotation("2026-11-15T12:00:00.000Z")),
    expect: { status: "pass", checks: ["rotation-recent"], evidenceIncludes: "10 days ago" },
  },
  {
    name: "a rotation 120 days ago fails",
    snapshot: snapshot(rotation("2026-07-28T12:00:00.000Z")),
    expect: { status: "fail", severity: "medium", checks: ["rotation-overdue"], messageIncludes: "120 days" },
  },
  {
    name: "the token changed since the recorded rotation is noted without leaking it",
    snapshot: snapshot({
      ...rotation("2026-11-01T00:00:00.000Z"),
      config: { value: { gateway: { auth: { token: STRONG } } } },
    }),
    expect: { status: "pass", evidenceIncludes: "no longer matches", nowhere: STRONG },
  },
  {
    name: "an unreadable rotation log is unknown",
    snapshot: snapshot({ rotations: { known: false, reason: "clawwarden state unreadable" } }),
    expect: { status: "unknown", checks: ["rotation-log-unreadable"] },
  },
  {
    name: "auth none has nothing to rotate",
    snapshot: conf({ gateway: { auth: { mode: "none" } } }),
    expect: { status: "skip", checks: ["no-shared-secret"] },
  },
  {
    name: "an attested rotation passes",
    snapshot: snapshot({
      clawwarden: { attestations: [{ id: "N-06", by: "ops", at: "2026-11-01", expires: "2027-02-01" }] },
    }),
    expect: { status: "pass", checks: ["attestation"] },
  },
  {
    name: "an expired attestation fails",
    snapshot: snapshot({
      clawwarden: { attestations: [{ id: "N-06", by: "ops", at: "2026-01-01", expires: "2026-04-01" }] },
    }),
    expect: { status: "fail", checks: ["attestation-expired"] },
  },
]);

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
