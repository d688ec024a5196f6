import { expect } from "vitest";
import type { Snapshot } from "../../../src/model/snapshot.js";
import { runCases } from "../check-tester.js";
import { c02, cfgFile, e, healthySqlite, root, sample, state } from "../helpers/credentials.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(c02, [
  {
    name: "healthy SQLite-era state dir passes (9.6 lock sidecars and 755 workspace are fine)",
    snapshot: snapshot(state(...healthySqlite)),
    expect: { status: "pass", checks: ["modes"] },
  },
  {
    name: "world-writable state dir and config (real insecure run: 777/666) are critical",
    snapshot: snapshot(state(e("", 0o777, "dir"), e("openclaw.json", 0o666))),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["state-dir", "config"],
      evidenceIncludes: ["0777", "0666"],
    },
  },
  {
    name: "readable state dir and world-readable config (real loopback run: 755/644) are high",
    snapshot: snapshot(state(e("", 0o755, "dir"), e("openclaw.json", 0o644))),
    expect: { status: "fail", severity: "high", checks: ["state-dir", "config"] },
  },
  {
    name: "include files in the state dir are checked like the config",
    snapshot: snapshot({
      ...state(e("", 0o700, "dir"), e("openclaw.json", 0o600), e("includes/channels.json5", 0o640)),
      config: { files: [cfgFile, `${root}/includes/channels.json5`] },
    }),
    expect: { status: "fail", checks: ["config"], evidenceIncludes: "includes/channels.json5" },
  },
  {
    name: "file era: credentials, auth profiles and session transcripts",
    snapshot: snapshot(
      state(
        e("", 0o700, "dir"),
        e("openclaw.json", 0o600),
        e("credentials", 0o755, "dir"),
        e("credentials/telegram-pairing.json", 0o644),
        e("agents/main/agent/auth-profiles.json", 0o644),
        e("agents/main/sessions", 0o755, "dir"),
        e("agents/main/sessions/abc.jsonl", 0o644),
      ),
    ),
    expect: {
      status: "fail",
      checks: ["credentials", "sensitive-files", "agent-dirs"],
      evidenceIncludes: ["credentials/telegram-pairing.json", "auth-profiles.json", "abc.jsonl"],
    },
  },
  {
    name: "sqlite -wal/-shm and .env must be 600",
    snapshot: snapshot(state(e("", 0o700, "dir"), e("state/openclaw.sqlite-wal", 0o644), e(".env", 0o640))),
    expect: {
      status: "fail",
      checks: ["sensitive-files"],
      evidenceIncludes: ["openclaw.sqlite-wal", ".env"],
    },
  },
  {
    name: "logging.file inside the state dir must be 600",
    snapshot: snapshot({
      ...state(e("", 0o700, "dir"), e("logs/gateway.log", 0o644), e("logs/other.log", 0o644)),
      config: { value: { logging: { file: `${root}/logs/gateway.log` } } },
    }),
    expect: { status: "fail", checks: ["sensitive-files"], evidenceIncludes: "gateway log file" },
    assert: (findings) => expect(JSON.stringify(findings)).not.toContain("other.log"),
  },
  {
    name: "group-writable plugin dir is critical even outside the sensitive list",
    snapshot: snapshot(state(e("", 0o700, "dir"), e("extensions/x", 0o775, "dir"))),
    expect: { status: "fail", severity: "critical", checks: ["writable-by-others"] },
  },
  {
    name: "owner mismatch fails",
    snapshot: snapshot(state(e("", 0o700, "dir"), e("openclaw.json", 0o600, "file", { uid: 0 }))),
    expect: {
      status: "fail",
      checks: ["owner"],
      messageIncludes: "owned by another user",
      evidenceIncludes: "uid 0",
    },
  },
  {
    name: "symlinked config and links out of the state dir warn",
    snapshot: snapshot(
      state(
        e("", 0o700, "dir"),
        e("openclaw.json", 0o777, "symlink", { linkTarget: "/etc/openclaw.json", linkInsideRoot: false }),
        e("skills/x", 0o777, "symlink", { linkTarget: "/tmp/x", linkInsideRoot: false }),
      ),
    ),
    expect: { status: "warn", checks: ["symlink"], evidenceIncludes: ["/etc/openclaw.json", "/tmp/x"] },
  },
  {
    name: "unreadable entries are unknown",
    snapshot: snapshot({
      state: {
        entries: healthySqlite,
        unreadable: [{ path: "agents/x", reason: "EACCES" }],
      } as Snapshot["state"],
    }),
    expect: { status: "unknown", checks: ["unreadable"], messageIncludes: "EACCES" },
  },
  {
    name: "missing state dir is unknown",
    snapshot: snapshot({ state: { exists: false, entries: [] } as unknown as Snapshot["state"] }),
    expect: { status: "unknown", checks: ["no-state-dir"] },
  },
  {
    name: "config outside the state dir is unknown (not inventoried)",
    snapshot: snapshot({
      ...state(...healthySqlite),
      config: { path: "/etc/openclaw/openclaw.json", files: ["/etc/openclaw/openclaw.json"] },
    }),
    expect: { status: "unknown", checks: ["config-outside"] },
  },
]);
runCases(c02, [
  {
    name: "real config-hardened.json with the 9.6 fresh-state modes passes",
    snapshot: sample("config-hardened.json", state(...healthySqlite)),
    expect: { status: "pass" },
  },
]);
