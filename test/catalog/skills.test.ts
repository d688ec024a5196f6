import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { skillsItems } from "../../src/catalog/skills.js";
import type { CatalogItem } from "../../src/catalog/types.js";
import type { InstalledSkillVerdict, Snapshot, StateEntry } from "../../src/model/snapshot.js";
import { evaluateItem, runCases } from "./check-tester.js";
import { snapshot } from "./snapshot-fixture.js";

const samples = join(import.meta.dirname, "..", "fixtures", "openclaw-samples");
const sample = (name: string) =>
  snapshot({ config: { value: JSON.parse(readFileSync(`${samples}/${name}`, "utf8")) } });

const item = (id: string) => skillsItems.find((i) => i.id === id) as CatalogItem;
const [k01, k02, k03, k04, k05] = ["K-01", "K-02", "K-03", "K-04", "K-05"].map(item) as [
  CatalogItem,
  CatalogItem,
  CatalogItem,
  CatalogItem,
  CatalogItem,
];

const v = (
  name: string,
  verdict: InstalledSkillVerdict["verdict"],
  extra: Partial<InstalledSkillVerdict> = {},
): InstalledSkillVerdict => ({
  name,
  kind: "skill",
  path: `/home/op/.openclaw/skills/${name}`,
  verdict,
  findings: verdict === "clean" ? 0 : 2,
  ...extra,
});

const scanned = (items: InstalledSkillVerdict[], lockfileInUse = true): Partial<Snapshot> => ({
  skills: { known: true, value: { roots: ["/home/op/.openclaw/skills"], items, lockfileInUse } },
});

const dir = (path: string): StateEntry => ({
  path,
  kind: "dir",
  mode: 0o700,
  uid: 1000,
  gid: 1000,
  size: 4096,
  mtimeMs: 0,
});
const baseEntries = snapshot().state.entries;
const withState = (...paths: string[]) => ({ state: { entries: [...baseEntries, ...paths.map(dir)] } });

const attested = (id: string, expires: string) => ({
  clawwarden: {
    path: "/home/op/clawwarden.json",
    attestations: [{ id, by: "ana", at: "2026-10-01", expires }],
  },
});

runCases(k01, [
  {
    name: "no scanner run: unknown, says to run clawwarden scan",
    snapshot: snapshot(withState("extensions/evil", "skills/weather")),
    expect: {
      status: "unknown",
      checks: ["needs-scanner"],
      messageIncludes: "clawwarden scan",
      evidenceIncludes: "1 non-bundled plugin(s) and 1 managed skill(s)",
    },
  },
  {
    name: "scanner could not run: unknown with its reason",
    snapshot: snapshot({ skills: { known: false, reason: "skills root unreadable" } }),
    expect: { status: "unknown", messageIncludes: "skills root unreadable" },
  },
  {
    name: "malicious skill fails critical",
    snapshot: snapshot(scanned([v("good", "clean"), v("stealer", "malicious")])),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["malicious", "scan-clean"],
      evidenceIncludes: "stealer",
    },
  },
  {
    name: "suspicious plugin fails high",
    snapshot: snapshot(scanned([v("odd", "suspicious", { kind: "plugin" })])),
    expect: {
      status: "fail",
      severity: "high",
      checks: ["suspicious"],
      remediationIncludes: "plugins uninstall odd",
    },
  },
  {
    name: "review verdict warns",
    snapshot: snapshot(scanned([v("maybe", "review")])),
    expect: { status: "warn", checks: ["review"] },
  },
  {
    name: "incomplete scan is unknown",
    snapshot: snapshot(scanned([v("huge", "incomplete"), v("ok", "clean")])),
    expect: { status: "unknown", checks: ["incomplete"] },
  },
  {
    name: "all clean passes",
    snapshot: snapshot(scanned([v("a", "clean"), v("b", "clean")])),
    expect: { status: "pass", messageIncludes: "2 installed" },
  },
  {
    name: "nothing installed passes",
    snapshot: snapshot(scanned([])),
    expect: { status: "pass", messageIncludes: "No installed skills" },
  },
]);

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

runCases(k03, [
  {
    name: "no sandboxed agent: manual with guidance to create one",
    snapshot: snapshot(),
    expect: {
      status: "manual",
      messageIncludes: "no agent has sandbox.mode",
      evidenceIncludes: "no agent with",
    },
  },
  {
    name: "sandboxed agent named in the guidance",
    snapshot: snapshot({
      config: { value: { agents: { entries: { trial: { sandbox: { mode: "all" } } } } } },
    }),
    expect: { status: "manual", messageIncludes: "trial", evidenceIncludes: "sandboxed agents: trial" },
  },
  {
    name: "review verdicts ask for a sandbox trial",
    snapshot: snapshot(scanned([v("maybe", "review")])),
    expect: { status: "warn", checks: ["trial-needed"] },
  },
  {
    name: "attested passes",
    snapshot: snapshot(attested("K-03", "2027-01-01")),
    expect: { status: "pass", evidenceIncludes: "attested by ana" },
  },
  {
    name: "expired attestation fails",
    snapshot: snapshot(attested("K-03", "2026-11-01")),
    expect: { status: "fail", checks: ["attestation-expired"] },
  },
]);

runCases(k04, [
  { name: "needs a person", snapshot: snapshot(), expect: { status: "manual", checks: ["attestation"] } },
  {
    name: "uploaded archives allowed warns",
    snapshot: snapshot({ config: { value: { skills: { install: { allowUploadedArchives: true } } } } }),
    expect: {
      status: "warn",
      checks: ["uploaded-archives"],
      remediationIncludes: "allowUploadedArchives false",
    },
  },
  { name: "attested passes", snapshot: snapshot(attested("K-04", "2027-01-01")), expect: { status: "pass" } },
  {
    name: "expired attestation fails",
    snapshot: snapshot(attested("K-04", "2026-01-01")),
    expect: { status: "fail", checks: ["attestation-expired"] },
  },
]);

runCases(k05, [
  {
    name: "empty plugins.allow with a plugin in extensions/ fails",
    snapshot: snapshot(withState("extensions/some-plugin")),
    expect: {
      status: "fail",
      checks: ["no-plugin-allowlist", "needs-scanner"],
      evidenceIncludes: "extensions/some-plugin",
    },
  },
  {
    name: "empty plugins.allow with a managed npm install fails",
    snapshot: snapshot(withState("npm", "npm/projects", "npm/projects/openclaw-plugin-x")),
    expect: {
      status: "fail",
      checks: ["no-plugin-allowlist"],
      evidenceIncludes: "npm/projects/openclaw-plugin-x",
    },
  },
  {
    name: "plugins.load.paths without allowlist fails",
    snapshot: snapshot({ config: { value: { plugins: { load: { paths: ["/opt/plugins/x"] } } } } }),
    expect: { status: "fail", checks: ["no-plugin-allowlist"] },
  },
  {
    name: "allowlist set: config part passes, lockfile part unknown without scan",
    snapshot: snapshot({ ...withState("extensions/x"), config: { value: { plugins: { allow: ["x"] } } } }),
    expect: {
      status: "unknown",
      checks: ["plugins-allowlist", "needs-scanner"],
      absentChecks: ["no-plugin-allowlist"],
    },
  },
  {
    name: "unpinned and integrity-less file-era install records fail",
    snapshot: snapshot({
      ...scanned([]),
      config: {
        value: {
          plugins: {
            allow: ["voice", "pinned"],
            installs: {
              voice: { source: "npm", spec: "@openclaw/voice-call@latest" },
              pinned: { source: "npm", spec: "pinned-plugin@1.2.3", integrity: "sha512-abc" },
            },
          },
        },
      },
    }),
    expect: {
      status: "fail",
      checks: ["install-unpinned", "install-no-integrity"],
      messageIncludes: "plugins.installs.voice",
    },
    assert: (findings) => {
      const flagged = findings.filter((f) => f.status === "fail").map((f) => f.message);
      expect(flagged.some((m) => m.includes("pinned-plugin"))).toBe(false);
    },
  },
  {
    name: "OpenClaw's pin rule: v-prefixed exact versions pin, ranges and tags do not; non-npm records are skipped",
    snapshot: snapshot({
      ...scanned([]),
      config: {
        value: {
          plugins: {
            allow: ["a", "b", "c"],
            installs: {
              a: { source: "npm", spec: "a-plugin@v1.2.3", integrity: "sha512-a" },
              b: { source: "npm", spec: "b-plugin@^1.0.0", integrity: "sha512-b" },
              c: { source: "path", spec: "./local", installPath: "/opt/c" },
            },
          },
        },
      },
    }),
    expect: {
      status: "fail",
      checks: ["install-unpinned"],
      absentChecks: ["install-no-integrity"],
      messageIncludes: "b-plugin@^1.0.0",
    },
    assert: (findings) => expect(findings.filter((f) => f.status === "fail")).toHaveLength(1),
  },
  {
    name: "pinned install records with integrity pass",
    snapshot: snapshot({
      ...scanned([]),
      config: {
        value: {
          plugins: {
            allow: ["p"],
            installs: { p: { source: "npm", spec: "@scope/p@2.0.1", integrity: "sha512-xyz" } },
          },
        },
      },
    }),
    expect: { status: "pass", checks: ["installs-pinned", "lockfile"] },
  },
  {
    name: "lockfile: unapproved and changed fail",
    snapshot: snapshot(
      scanned([v("new", "clean", { approved: "unapproved" }), v("edited", "clean", { approved: "changed" })]),
    ),
    expect: { status: "fail", checks: ["lockfile-unapproved", "lockfile-changed"] },
  },
  {
    name: "no lockfile in use warns",
    snapshot: snapshot(scanned([v("a", "clean")], false)),
    expect: { status: "warn", checks: ["no-lockfile"] },
  },
  {
    name: "plugins disabled passes the allowlist part",
    snapshot: snapshot({
      ...scanned([]),
      ...withState("extensions/x"),
      config: { value: { plugins: { enabled: false } } },
    }),
    expect: { status: "pass", checks: ["plugins-disabled"] },
  },
]);

runCases(k05, [
  {
    name: "real config-insecure.json: no plugins installed, allowlist part passes",
    snapshot: sample("config-insecure.json"),
    expect: { status: "unknown", checks: ["plugins-allowlist"] },
  },
]);

// The hardened sample must not fail or warn on anything the config decides for K items.
const hardened = sample("config-hardened.json");
runCases(k04, [{ name: "real config-hardened.json", snapshot: hardened, expect: { status: "manual" } }]);
runCases(k05, [
  {
    name: "real config-hardened.json: config-decided part passes",
    snapshot: hardened,
    expect: { status: "unknown", checks: ["plugins-allowlist"], absentChecks: ["no-plugin-allowlist"] },
    assert: (findings) => {
      for (const f of findings) expect(["pass", "unknown"]).toContain(f.status);
      expect(evaluateItem(k05, hardened).findings.length).toBeGreaterThan(0);
    },
  },
]);
