import { n05 } from "../../../src/catalog/network.js";
import { runCases } from "../check-tester.js";
import { conf, hardened, insecure } from "../helpers/network.js";
import { snapshot } from "../snapshot-fixture.js";

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
