import type { Snapshot, StateEntry } from "../../model/snapshot.js";
import { finding } from "../finding.js";
import { cfg } from "../helpers.js";
import type { CatalogItem, Evidence, Finding, Severity } from "../types.js";

/** What a state-dir entry should look like, and the OpenClaw audit family it belongs to. */
interface ModeRule {
  check: string;
  kind: "dir" | "file";
  label: string;
  match: (path: string, s: Snapshot) => boolean;
}
// OpenClaw 9.6 itself leaves these lock sidecars at 644 and its audit does not flag them.
const lockSidecar = /\.reindex-lock\.sqlite$|\.generation-[^/]*\.sqlite$/;
const modeRules: ModeRule[] = [
  { check: "state-dir", kind: "dir", label: "state dir", match: (p) => p === "" },
  {
    check: "config",
    kind: "file",
    label: "config file",
    match: (p, s) => configRelPaths(s).includes(p),
  },
  {
    check: "credentials",
    kind: "dir",
    label: "credentials dir",
    match: (p) => p === "credentials" || p.startsWith("credentials/"),
  },
  {
    check: "credentials",
    kind: "file",
    label: "credentials file",
    match: (p) => p.startsWith("credentials/"),
  },
  {
    check: "agent-dirs",
    kind: "dir",
    label: "agent dir",
    match: (p) => /^agents\/[^/]+(?:\/agent|\/sessions)?$/.test(p) || p === "state",
  },
  {
    check: "sensitive-files",
    kind: "file",
    label: "sensitive state file",
    match: (p) =>
      (/\.sqlite(?:-wal|-shm|-journal)?$/.test(p) && !lockSidecar.test(p)) ||
      /^agents\/[^/]+\/agent\/(?:auth-profiles|auth|models)\.json$/.test(p) ||
      /^agents\/[^/]+\/sessions\/[^/]+\.jsonl?$/.test(p) ||
      /(?:^|\/)\.env$/.test(p) ||
      /^(?:exec-approvals\.json|secrets\.json|config-journal-fingerprint\.key)$/.test(p) ||
      /^(?:identity|devices|nodes)\/[^/]+\.json$/.test(p),
  },
  {
    // fs.log_file.perms_readable: only judged when logging.file points into the state dir.
    check: "sensitive-files",
    kind: "file",
    label: "gateway log file",
    match: (p, s) => {
      const file = cfg(s, "logging.file");
      return typeof file === "string" && file === `${s.state.root}/${p}`;
    },
  },
];
function configRelPaths(s: Snapshot): string[] {
  const root = s.state.root.endsWith("/") ? s.state.root : `${s.state.root}/`;
  return s.config.files.filter((f) => f.startsWith(root)).map((f) => f.slice(root.length));
}
const octal = (mode: number) => `0${(mode & 0o7777).toString(8).padStart(3, "0")}`;
function entryEvidence(s: Snapshot, e: StateEntry, note: string): Evidence {
  return {
    message: `${e.path || "."} ${note}`,
    source: "state",
    value: octal(e.mode),
    location: { file: e.path ? `${s.state.root}/${e.path}` : s.state.root },
  };
}
export const c02: CatalogItem = {
  id: "C-02",
  title: "State directory permissions",
  category: "credentials",
  priority: "P1",
  action: "Set ~/.openclaw permissions to 700",
  verification: "ls -la ~/.openclaw",
  why: "The state dir holds the config, channel credentials, auth profiles and every transcript; any other local user who can read it takes over the agent.",
  openclaw: [
    "fs.state_dir.perms_world_writable",
    "fs.state_dir.perms_group_writable",
    "fs.state_dir.perms_readable",
    "fs.state_dir.symlink",
    "fs.config.perms_writable",
    "fs.config.perms_group_readable",
    "fs.config.perms_world_readable",
    "fs.config.symlink",
    "fs.config_include.perms_writable",
    "fs.config_include.perms_group_readable",
    "fs.config_include.perms_world_readable",
    "fs.auth_profiles.perms_writable",
    "fs.auth_profiles.perms_readable",
    "fs.credentials_dir.perms_writable",
    "fs.credentials_dir.perms_readable",
    "fs.sessions_store.perms_readable",
    "fs.log_file.perms_readable",
  ],
  openclawOwns: ["fs.*"],
  fix: "auto",
  needs: ["state"],
  evaluate(s) {
    if (!s.state.exists)
      return [
        finding(c02, {
          check: "no-state-dir",
          status: "unknown",
          message: `State dir ${s.state.root} was not found, so its permissions could not be checked.`,
          remediation: "Point clawwarden at the deployment with --state-dir or OPENCLAW_STATE_DIR.",
        }),
      ];
    const out: Finding[] = [];
    const groups = new Map<
      string,
      { severity: Severity; evidence: Evidence[]; count: number; want: string }
    >();
    const add = (key: string, severity: Severity, want: string, ev: Evidence) => {
      const g = groups.get(key) ?? { severity, evidence: [], count: 0, want };
      if (severity === "critical") g.severity = "critical";
      g.count += 1;
      if (g.evidence.length < 20) g.evidence.push(ev);
      groups.set(key, g);
    };
    const rootUid = s.state.entries.find((e) => e.path === "")?.uid;
    let checked = 0;
    for (const e of s.state.entries) {
      if (e.error) continue;
      if (e.kind === "symlink") {
        if (e.path === "" || configRelPaths(s).includes(e.path))
          add(
            "symlink",
            "medium",
            "a regular file/dir",
            entryEvidence(s, e, `is a symlink to ${e.linkTarget ?? "?"}`),
          );
        else if (e.linkInsideRoot === false)
          add(
            "symlink",
            "medium",
            "no links out of the state dir",
            entryEvidence(s, e, `links outside the state dir (${e.linkTarget ?? "?"})`),
          );
        continue;
      }
      if (rootUid !== undefined && e.uid !== rootUid)
        add(
          "owner",
          "high",
          `owner uid ${rootUid}`,
          entryEvidence(s, e, `is owned by uid ${e.uid}, the state dir by uid ${rootUid}`),
        );
      const rule = modeRules.find((r) => r.kind === e.kind && r.match(e.path, s));
      const extra = e.mode & 0o077;
      if (!rule) {
        if (e.mode & 0o022)
          add(
            "writable-by-others",
            "critical",
            "no group/world write",
            entryEvidence(s, e, "is writable by group/others"),
          );
        continue;
      }
      checked += 1;
      if (extra === 0) continue;
      const want = rule.kind === "dir" ? "0700" : "0600";
      const writable = (e.mode & 0o022) !== 0;
      add(
        rule.check,
        writable ? "critical" : "high",
        want,
        entryEvidence(
          s,
          e,
          `(${rule.label}) is ${writable ? "writable" : "readable"} by group/others, want ${want}`,
        ),
      );
    }
    const labels: Record<string, string> = {
      "state-dir": "The state dir is open to other users",
      config: "Config file(s) are open to other users",
      credentials: "Credentials are open to other users",
      "agent-dirs": "Agent directories are open to other users",
      "sensitive-files": "Databases, transcripts or auth files are open to other users",
      "writable-by-others": "State dir entries are writable by other users",
      owner: "State dir entries are owned by another user",
      symlink: "Symlinks in the state dir",
    };
    for (const [key, g] of groups) {
      const symlink = key === "symlink";
      out.push(
        finding(c02, {
          check: key,
          status: symlink ? "warn" : "fail",
          severity: g.severity,
          message: `${labels[key] ?? key}: ${g.count} entr${g.count === 1 ? "y" : "ies"}.`,
          evidence: g.evidence,
          remediation: symlink
            ? "Replace symlinks with regular files inside the state dir; OpenClaw replaces a symlinked openclaw.json on write."
            : key === "owner"
              ? `chown -R <openclaw user> ${s.state.root}`
              : `chmod 700 on ${s.state.root} and its directories, 600 on its files (\`openclaw security audit --fix\` or \`clawwarden fix --only C-02\`).`,
          location: { file: s.state.root },
          subject: key,
        }),
      );
    }
    for (const u of s.state.unreadable.slice(0, 20))
      out.push(
        finding(c02, {
          check: "unreadable",
          status: "unknown",
          message: `${u.path} could not be inspected: ${u.reason}`,
          location: { file: `${s.state.root}/${u.path}` },
          subject: u.path,
        }),
      );
    if (s.state.truncated)
      out.push(
        finding(c02, {
          check: "truncated",
          status: "unknown",
          message: "The state dir inventory was truncated; entries beyond the limit were not checked.",
        }),
      );
    const outside = s.config.files.filter((f) => !f.startsWith(`${s.state.root}/`));
    if (outside.length > 0)
      out.push(
        finding(c02, {
          check: "config-outside",
          status: "unknown",
          message: `Config file(s) outside the state dir were not inventoried: ${outside.join(", ")}.`,
          remediation: `Check them with \`stat -c %a ${outside.join(" ")}\`: want 600.`,
          subject: outside.join(","),
        }),
      );
    if (out.length === 0)
      out.push(
        finding(c02, {
          check: "modes",
          status: "pass",
          message: `State dir is 0700 and all ${checked} sensitive entries are private to their owner.`,
          evidence: s.state.entries.filter((e) => e.path === "").map((e) => entryEvidence(s, e, "state dir")),
        }),
      );
    return out;
  },
};
