import { s05 } from "../../../src/catalog/sandbox.js";
import { runCases } from "../check-tester.js";
import { conf, hardened, insecure } from "../helpers/sandbox.js";

runCases(s05, [
  {
    name: "empty config: elevated grants nobody, exec policy unset warns",
    snapshot: conf({}),
    expect: { status: "warn", severity: "medium", checks: ["elevated-nobody", "exec-unset"] },
  },
  {
    name: "elevated allowFrom wildcard fails critical",
    snapshot: conf({ tools: { elevated: { allowFrom: { discord: ["*"] } }, exec: { mode: "ask" } } }),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["elevated-wildcard", "exec-restricted"],
      evidenceIncludes: "tools.elevated.allowFrom.discord",
    },
  },
  {
    name: "a large elevated list warns",
    snapshot: conf({
      tools: {
        elevated: { enabled: true, allowFrom: { telegram: Array.from({ length: 30 }, (_, i) => `tg:${i}`) } },
        exec: { mode: "allowlist" },
      },
    }),
    expect: { status: "warn", checks: ["elevated-large"], messageIncludes: "30 senders" },
  },
  {
    name: "a short elevated list passes",
    snapshot: conf({
      tools: { elevated: { enabled: true, allowFrom: { telegram: ["tg:1"] } }, exec: { mode: "ask" } },
    }),
    expect: { status: "pass", checks: ["elevated-allowlisted"] },
  },
  {
    name: "elevated disabled even with a wildcard list passes",
    snapshot: conf({
      tools: { elevated: { enabled: false, allowFrom: { telegram: ["*"] } }, exec: { mode: "deny" } },
    }),
    expect: { status: "pass", checks: ["elevated-disabled"] },
  },
  {
    name: "exec mode full fails critical",
    snapshot: conf({ tools: { elevated: { enabled: false }, exec: { mode: "full" } } }),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["exec-full"],
      remediationIncludes: "tools.exec.mode ask",
    },
  },
  {
    name: "legacy security full with ask always fails high",
    output: true,
    snapshot: conf({ tools: { elevated: { enabled: false }, exec: { security: "full", ask: "always" } } }),
    expect: {
      status: "fail",
      severity: "high",
      checks: ["exec-full"],
      remediationIncludes: "openclaw config set tools.exec.security allowlist",
    },
  },
  {
    name: "legacy allowlist + on-miss passes",
    snapshot: conf({
      tools: { elevated: { enabled: false }, exec: { security: "allowlist", ask: "on-miss" } },
    }),
    expect: { status: "pass", checks: ["exec-restricted"], messageIncludes: '"ask"' },
  },
  {
    name: "exec denied by the tool policy passes whatever exec mode says",
    snapshot: conf({ tools: { elevated: { enabled: false }, deny: ["exec"], exec: { mode: "full" } } }),
    expect: { status: "pass", checks: ["exec-not-reachable"] },
  },
  {
    name: "a per-agent exec override to full fails",
    snapshot: conf({
      tools: { elevated: { enabled: false }, exec: { mode: "ask" } },
      agents: { entries: { ops: { tools: { exec: { mode: "full" } } } } },
    }),
    expect: { status: "fail", checks: ["exec-restricted", "exec-full"], messageIncludes: "agent ops" },
  },
  {
    name: "apply_patch outside the workspace fails",
    output: true,
    snapshot: conf({
      tools: { elevated: { enabled: false }, exec: { mode: "ask", applyPatch: { workspaceOnly: false } } },
    }),
    expect: {
      status: "fail",
      checks: ["apply-patch-anywhere"],
      remediationIncludes: "tools.exec.applyPatch.workspaceOnly true",
    },
  },
  {
    name: "commands.bash warns",
    snapshot: conf({
      commands: { bash: true },
      tools: { elevated: { enabled: false }, exec: { mode: "ask" } },
    }),
    expect: { status: "warn", checks: ["bash-command"] },
  },
  {
    name: "real insecure config fails on the elevated wildcard and full exec",
    snapshot: insecure(),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["elevated-wildcard", "exec-full"],
      evidenceIncludes: "config-insecure.json:",
    },
  },
  {
    name: "real hardened config passes",
    snapshot: hardened(),
    expect: { status: "pass", checks: ["elevated-disabled", "exec-not-reachable"] },
  },
]);
