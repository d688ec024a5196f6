import { runCases } from "../check-tester.js";
import { k02, scanned, v } from "../helpers/skills.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(k02, [
  {
    name: "no scan and no install gate: warn (gate) beats unknown",
    snapshot: snapshot(),
    expect: { status: "warn", severity: "medium", checks: ["needs-scanner", "no-install-gate"] },
  },
  {
    name: "install gate configured but installed skills not scanned: unknown",
    snapshot: snapshot({
      config: {
        value: {
          security: { installPolicy: { enabled: true, exec: { source: "exec", command: "/usr/bin/node" } } },
        },
      },
    }),
    expect: { status: "unknown", checks: ["needs-scanner", "install-policy"] },
  },
  {
    name: "IOC match fails critical",
    snapshot: snapshot(scanned([v("clawhavoc", "malicious")])),
    expect: { status: "fail", severity: "critical", checks: ["ioc-match"], messageIncludes: "clawhavoc" },
  },
  {
    name: "clean scan and installPolicy enabled: pass",
    snapshot: snapshot({
      ...scanned([v("a", "clean")]),
      config: {
        value: {
          security: {
            installPolicy: {
              enabled: true,
              targets: ["skill", "plugin"],
              exec: { source: "exec", command: "/usr/local/bin/clawwarden-install-policy" },
            },
          },
        },
      },
    }),
    expect: { status: "pass", checks: ["ioc-scan", "install-policy"] },
  },
  {
    name: "installPolicy enabled without a command warns (every install blocked)",
    snapshot: snapshot({
      ...scanned([]),
      config: { value: { security: { installPolicy: { enabled: true } } } },
    }),
    expect: { status: "warn", checks: ["install-policy-broken"] },
  },
  {
    name: "installPolicy only for skills warns",
    snapshot: snapshot({
      ...scanned([]),
      config: {
        value: {
          security: { installPolicy: { enabled: true, targets: ["skill"], exec: { command: "/bin/scan" } } },
        },
      },
    }),
    expect: { status: "warn", checks: ["install-policy-partial"], messageIncludes: "plugin" },
  },
  {
    name: "a plugin merely named clawwarden is not an install gate",
    snapshot: snapshot({
      ...scanned([]),
      config: { value: { plugins: { entries: { clawwarden: { enabled: true } } } } },
    }),
    expect: {
      status: "warn",
      checks: ["no-install-gate"],
      remediationIncludes: "install-policy --print-config",
    },
  },
]);
