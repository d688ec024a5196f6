import type { Fact } from "./fact.js";
import type { LiveFacts } from "./live-facts.js";
import type { SourceLocation } from "./location.js";

export { type Fact, known, notKnown } from "./fact.js";

export interface Locator {
  stateDir: string;
  configPath: string;
  /** Where each path came from: "flag", "env:OPENCLAW_STATE_DIR", "profile:work", "default", "legacy". */
  stateDirSource: string;
  configPathSource: string;
  profile?: string;
  home: string;
}

/** A SecretRef or env-style reference found in the config (not plaintext). */
export interface SecretReference {
  keyPath: string;
  kind: "secretref" | "env-template";
  source?: string;
  provider?: string;
  id?: string;
}

export interface ConfigIssue {
  kind: "unresolved-env" | "include-error" | "parse-error" | "read-error";
  message: string;
  keyPath?: string;
  location?: SourceLocation;
}

export interface LoadedConfig {
  path: string;
  exists: boolean;
  /** Fully resolved value: includes merged, ${VAR} substituted (unresolved ones stay as written). */
  value: Record<string, unknown>;
  /** Dotted key path (array indices as numbers: `hooks.mappings.0.path`) → where it was written. */
  positions: Record<string, SourceLocation>;
  /** Main file first, then every include file that was read. */
  files: string[];
  /** Key paths whose string value came from `${VAR}` substitution (so they are not plaintext secrets). */
  envSubstituted: Record<string, string[]>;
  secretRefs: SecretReference[];
  issues: ConfigIssue[];
}

export type EntryKind = "file" | "dir" | "symlink" | "other";

export interface StateEntry {
  /** Relative to the state dir root, `/`-separated; "" is the root itself. */
  path: string;
  kind: EntryKind;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtimeMs: number;
  /** For symlinks: the raw link text and whether it resolves inside the root. Never followed out. */
  linkTarget?: string;
  linkInsideRoot?: boolean;
  error?: string;
}

export interface StateInventory {
  root: string;
  exists: boolean;
  layout: "file" | "sqlite" | "mixed" | "empty";
  entries: StateEntry[];
  /** Entries that could not be read, with the reason. */
  unreadable: Array<{ path: string; reason: string }>;
  truncated: boolean;
}

/** A secret seen somewhere. Never holds the value: only a fingerprint. */
export interface SecretHit {
  ruleId: string;
  description: string;
  /** `prefix…suffix` plus short sha256, e.g. `sk-ant-…a1f9 (sha256:3f2a9c1d)`. */
  fingerprint: string;
  location: SourceLocation;
  /** Where inside the file: a config key path, a SQLite `table.column#rowid`, a JSONL line. */
  where?: string;
  confidence: "high" | "medium" | "low";
  /**
   * Set when the hit sits in a place OpenClaw uses to store credentials on purpose (device
   * identity keys, device/pairing tokens, the secret store, auth profiles, OAuth tokens, the
   * exec-approvals socket token): "device-identity" | "device-token" | "secret-store" |
   * "auth-profiles" | "oauth" | "exec-approvals" | "channel-credentials". Absent for leaks into
   * transcripts, prompts and logs.
   */
  store?: string;
}

export interface SecretScan {
  hits: SecretHit[];
  filesScanned: number;
  bytesScanned: number;
  /** Files or rows that could not be scanned fully, with the reason. */
  incomplete: Array<{ path: string; reason: string }>;
}

export interface Attestation {
  id: string;
  by: string;
  at: string;
  expires?: string;
  note?: string;
}

export interface ClawwardenConfig {
  path?: string;
  attestations: Attestation[];
  /** Suppressions by checkId or fingerprint, with a reason. */
  suppressions: Array<{ checkId?: string; fingerprint?: string; reason: string; expires?: string }>;
  /** Where each entry was written: `attestations.0`, `suppressions.2` → file:line:column. */
  positions?: Record<string, SourceLocation>;
  /** The `watch` section (alert rules, sinks) as written; src/watch/settings.ts validates it. */
  watch?: unknown;
}

export interface Workspace {
  agentId: string;
  path: string;
  /** Config key path that chose `path` (`agents.entries.ops.workspace`), absent when it is OpenClaw's default. */
  keyPath?: string;
  soulMd: Fact<string | null>;
}

export interface OpenClawAuditFinding {
  checkId: string;
  severity: "info" | "warn" | "critical";
  title: string;
  detail: string;
  remediation?: string;
  /** OpenClaw moved it to `suppressedFindings` (its own `security.audit.suppressions` matched). */
  suppressed?: boolean;
}

export interface OpenClawFacts {
  bin?: string;
  version: Fact<string>;
  audit: Fact<{
    summary: { critical: number; warn: number; info: number };
    findings: OpenClawAuditFinding[];
  }>;
  doctorLint: Fact<{ ok: boolean; findings: Array<Record<string, unknown>> }>;
  /** openclaw runs on a private copy of the state dir; what that copy left out, when anything. */
  copyNote?: string;
}

export interface RotationEntry {
  target: string;
  at: string;
  fingerprint: string;
  by?: string;
}

export interface Snapshot {
  /** ISO time the snapshot was taken; checks use it (never Date.now()) so they stay pure. */
  takenAt: string;
  locator: Locator;
  config: LoadedConfig;
  /** Names of OPENCLAW_* and provider env vars that are set in the audited environment (never values). */
  envSet: string[];
  state: StateInventory;
  /** Plaintext secrets in the config file(s), `.env` files and auth profiles (C-01). */
  configSecrets: Fact<SecretScan>;
  /** Secrets inside state files: credentials, transcripts, SQLite databases (C-03). */
  stateSecrets: Fact<SecretScan>;
  workspaces: Workspace[];
  openclaw: OpenClawFacts;
  clawwarden: ClawwardenConfig;
  rotations: Fact<RotationEntry[]>;
  /** Only with --live / --deep; absent otherwise so checks answer "needs --live". */
  live?: LiveFacts;
  /** Installed skill/plugin scan results (K items); absent until the scanner ran. */
  skills?: Fact<InstalledSkillsScan>;
  /** What `clawwarden watch` and `clawwarden backup` recorded in <state dir>/.clawwarden (A-02…A-04, P-04). */
  operations?: Fact<OperationsFacts>;
}

/** A watch run's own status file and the backup record log, as written; the checks judge their age. */
export interface OperationsFacts {
  watch?: {
    startedAt: string;
    lastCycleAt?: string;
    alertsRaised: number;
    sinks: Array<{
      sink: string;
      type: string;
      delivered: number;
      failed: number;
      dropped: number;
      lastSuccessAt?: string;
      lastFailureAt?: string;
      lastError?: string;
    }>;
  };
  /** The `watch` section of clawwarden.json: how many rules, which sinks. */
  watchConfig?: { rules: number; sinks: Array<{ name: string; type: string }> };
  backups: Array<{
    at: string;
    action: "create" | "verify" | "restore" | "drill";
    ok: boolean;
    file: string;
    detail?: string;
  }>;
}

export interface InstalledSkillVerdict {
  name: string;
  kind: "skill" | "plugin";
  path: string;
  verdict: "clean" | "review" | "suspicious" | "malicious" | "incomplete";
  findings: number;
  approved?: "approved" | "unapproved" | "changed";
}

export interface InstalledSkillsScan {
  roots: string[];
  items: InstalledSkillVerdict[];
  lockfileInUse: boolean;
}
