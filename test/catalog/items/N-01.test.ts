import { withLiveEvidence } from "../../../src/catalog/live-checks.js";
import { n01 } from "../../../src/catalog/network.js";
import { known, notKnown } from "../../../src/model/snapshot.js";
import { runCases } from "../check-tester.js";
import { liveFacts, tcpListener } from "../helpers/live.js";
import { CONFIG, conf, hardened, insecure } from "../helpers/network.js";

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

// The live half through the same table: literal host facts, the item as the audit runs it (withLiveEvidence).
runCases(withLiveEvidence(n01), [
  {
    name: "live: config says loopback but the process listens on 0.0.0.0 — the running bind fails, and the mismatch is named",
    snapshot: { ...hardened(), live: liveFacts({ sockets: known([tcpListener("0.0.0.0")]) }) },
    expect: {
      status: "fail",
      checks: ["live-listens-beyond-loopback", "live-config-mismatch"],
      evidenceIncludes: "0.0.0.0:18789",
    },
  },
  {
    name: "live: only a loopback listener passes alongside the config",
    snapshot: { ...hardened(), live: liveFacts({ sockets: known([tcpListener("127.0.0.1")]) }) },
    expect: { status: "pass", checks: ["live-loopback-only"] },
  },
  {
    name: "live: sockets could not be read — unknown with the reason, never a silent pass",
    snapshot: { ...hardened(), live: liveFacts({ sockets: notKnown("/proc/net/tcp unreadable") }) },
    expect: { status: "unknown", messageIncludes: "/proc/net/tcp unreadable" },
  },
]);
