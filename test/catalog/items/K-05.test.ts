import { expect } from "vitest";
import { evaluateItem, runCases } from "../check-tester.js";
import { hardened, k05, sample, scanned, v, withState } from "../helpers/skills.js";
import { snapshot } from "../snapshot-fixture.js";

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
