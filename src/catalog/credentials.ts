import { join } from "node:path";
import type { K8sFacts } from "../model/live-facts.js";
import type { SecretHit, Snapshot, StateEntry } from "../model/snapshot.js";
import { secretFingerprint } from "../util/fingerprint.js";
import { secretPlace } from "./credential-stores.js";
import { finding } from "./finding.js";
import { cfg, isObject, manualOrAttested, needsLive, where } from "./helpers.js";
import { withLiveEvidence } from "./live-checks.js";
import type { CatalogItem, Evidence, Finding, Severity } from "./types.js";

/** A config key that holds a credential, and how it is stored. */
export interface SecretKey {
  keyPath: string;
  storage: "plaintext" | "secretref" | "env";
  /** Display-safe fingerprint for plaintext values. */
  fingerprint?: string;
}

const secretKeySuffixes = [
  "token",
  "secret",
  "password",
  "passwd",
  "apikey",
  "api_key",
  "api-key",
  "privatekey",
  "private_key",
  "accesskey",
  "secretkey",
];
const secretVarName = /(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?)$/i;
const secretHeaderName = /authorization|api[-_]?key|token|secret|cookie/i;
const envRef = /^\$(?:\{[A-Z_][A-Z0-9_]*\}|[A-Z_][A-Z0-9_]*)$/;
const secretRefSources = new Set(["env", "file", "exec", "store"]);

function isSecretRef(v: unknown): boolean {
  return (
    isObject(v) && typeof v.source === "string" && secretRefSources.has(v.source) && typeof v.id === "string"
  );
}

/** Whether the last key segment names a credential (`botToken`, `apiKey`, env var `OPENAI_API_KEY`). */
function isSecretKey(segment: string, parent: string): boolean {
  if (parent === "env" || parent === "vars") return secretVarName.test(segment);
  if (parent === "headers") return secretHeaderName.test(segment);
  const lower = segment.toLowerCase();
  return secretKeySuffixes.some((suffix) => lower.endsWith(suffix));
}

/**
 * Every credential-bearing key in the resolved config: gateway.auth.token/password, channel bot/app tokens and
 * signing secrets (also per account), provider apiKeys and auth headers, hooks.token, skills/plugins apiKeys,
 * env.vars secrets, and literal env handed to secret providers (`secrets.providers.*.env`). `meta` is skipped.
 */
export function secretKeys(s: Snapshot): SecretKey[] {
  const refPaths = new Set(s.config.secretRefs.map((r) => r.keyPath));
  const out: SecretKey[] = [];
  const walk = (value: unknown, path: string[]): void => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, [...path, String(i)]);
      return;
    }
    if (!isObject(value)) return;
    for (const [key, v] of Object.entries(value)) {
      const next = [...path, key];
      if (path.length === 0 && key === "meta") continue;
      const keyPath = next.join(".");
      const secretish = isSecretKey(key, path[path.length - 1] ?? "");
      if (secretish && isSecretRef(v)) out.push({ keyPath, storage: "secretref" });
      else if (secretish && typeof v === "string" && v.length > 0) {
        if (refPaths.has(keyPath)) out.push({ keyPath, storage: "secretref" });
        else if (keyPath in s.config.envSubstituted || envRef.test(v)) out.push({ keyPath, storage: "env" });
        else out.push({ keyPath, storage: "plaintext", fingerprint: secretFingerprint(v) });
      } else walk(v, next);
    }
  };
  walk(s.config.value, []);
  return out;
}

function remediationFor(keyPath: string): string {
  if (keyPath === "hooks.token" || keyPath === "hooks.gmail.pushToken" || keyPath.startsWith("env.vars."))
    return `${keyPath} cannot be a SecretRef: replace the value with "\${ENV_VAR}" and export the variable in the gateway's environment (or $OPENCLAW_STATE_DIR/.env, mode 600).`;
  return `openclaw config set ${keyPath} --ref-provider default --ref-source env --ref-id <ENV_VAR> (or run \`openclaw secrets configure\`), then rotate the exposed value.`;
}

function hitEvidence(hit: SecretHit): Evidence {
  return {
    message: `${hit.description}${hit.where ? ` at ${hit.where}` : ""}`,
    source: "scan",
    ...(hit.where ? { keyPath: hit.where } : {}),
    value: hit.fingerprint,
    location: hit.location,
  };
}

const c01: CatalogItem = {
  id: "C-01",
  title: "No plaintext storage",
  category: "credentials",
  priority: "P1",
  action: "Store tokens and API keys in environment variables or a secrets manager",
  verification: "Scan config files",
  why: "openclaw.json is read by doctor, backups, support bundles and any agent tool that can read files; a token written there leaks with all of them.",
  openclaw: [
    "config.secrets.gateway_password_in_config",
    "config.secrets.hooks_token_in_config",
    "config.plaintext_secrets",
  ],
  openclawOwns: ["config.secrets.*", "config.plaintext_secrets"],
  fix: "auto",
  needs: ["config", "state"],
  evaluate(s) {
    const out: Finding[] = [];
    const keys = secretKeys(s);
    const flaggedPaths = new Set<string>();
    for (const k of keys) {
      if (k.storage !== "plaintext") continue;
      flaggedPaths.add(k.keyPath);
      const location = where(s, k.keyPath);
      out.push(
        finding(c01, {
          check: "plaintext-config",
          status: "fail",
          message: `${k.keyPath} holds a plaintext credential.`,
          evidence: [
            {
              message: `${k.keyPath} is plaintext`,
              source: "config",
              keyPath: k.keyPath,
              value: k.fingerprint as string,
              location,
            },
          ],
          remediation: remediationFor(k.keyPath),
          location,
          subject: k.keyPath,
        }),
      );
    }
    if (!s.configSecrets.known) {
      out.push(
        finding(c01, {
          check: "scan-unavailable",
          status: "unknown",
          message: `Config files, .env files and auth profiles were not scanned for secrets: ${s.configSecrets.reason}`,
          remediation: s.configSecrets.hint ?? "Re-run `clawwarden audit` where the state dir is readable.",
        }),
      );
    } else {
      const byFile = new Map<string, SecretHit[]>();
      for (const hit of s.configSecrets.value.hits) {
        if (hit.where && flaggedPaths.has(hit.where)) continue;
        const list = byFile.get(hit.location.file) ?? [];
        list.push(hit);
        byFile.set(hit.location.file, list);
      }
      const envStore = privateEnvStore(s);
      for (const [file, hits] of byFile) {
        if (file === envStore) {
          out.push(
            finding(c01, {
              check: "env-file-store",
              status: "pass",
              message: `${hits.length} credential(s) live in the gateway's environment file ${file} (mode 600, read by OpenClaw at start): environment variables, as the guide asks, not config.`,
              evidence: hits.slice(0, 20).map(hitEvidence),
              location: { file },
              subject: file,
            }),
          );
          continue;
        }
        const sure = hits.filter((h) => h.confidence !== "low");
        out.push(
          finding(c01, {
            check: "plaintext-file",
            status: sure.length > 0 ? "fail" : "warn",
            message: `${hits.length} plaintext credential(s) in ${file}${sure.length === 0 ? " (low confidence)" : ""}.`,
            evidence: hits.slice(0, 20).map(hitEvidence),
            remediation: file.endsWith(".env")
              ? "Move these into the service manager's environment or a secrets manager (SecretRef source exec/file), keep the .env at mode 600, and rotate them."
              : "Move them into SecretRefs (`openclaw secrets configure`) and rotate every exposed value.",
            location: { file },
            subject: file,
          }),
        );
      }
      for (const inc of s.configSecrets.value.incomplete)
        out.push(
          finding(c01, {
            check: "scan-incomplete",
            status: "unknown",
            message: `${inc.path} could not be scanned fully: ${inc.reason}`,
            remediation: "Check why the file could not be read (permissions, size) and re-run the audit.",
            location: { file: inc.path },
            subject: inc.path,
          }),
        );
    }
    const backups = s.state.entries.filter(
      (e) => e.kind === "dir" && /^\.clawwarden\/backups\/[^/]+$/.test(e.path),
    );
    if (backups.length > 0)
      out.push(
        finding(c01, {
          check: "fix-backups",
          status: "warn",
          severity: "low",
          message: `${backups.length} clawwarden fix backup(s) keep copies of files from before the fix, which may include the plaintext secrets the fix moved out.`,
          evidence: backups.slice(0, 10).map((e) => ({
            message: `${e.path}/`,
            source: "state" as const,
            location: { file: join(s.state.root, e.path) },
          })),
          remediation:
            "Once the fixed gateway works, delete them: `clawwarden fix --prune-backups 0` (those runs can then no longer be rolled back).",
          subject: "fix-backups",
        }),
      );
    if (out.every((f) => f.status === "pass")) {
      const safe = keys.filter((k) => k.storage !== "plaintext");
      out.push(
        finding(c01, {
          check: "no-plaintext",
          status: "pass",
          message: `No plaintext credentials: ${safe.length} credential key(s) use SecretRefs or env; scanned ${s.configSecrets.known ? s.configSecrets.value.filesScanned : 0} file(s).`,
          evidence: safe.map(
            (k): Evidence => ({
              message: `${k.keyPath} uses ${k.storage === "env" ? "an env variable" : "a SecretRef"}`,
              source: "config",
              keyPath: k.keyPath,
              location: where(s, k.keyPath),
            }),
          ),
        }),
      );
    }
    return out;
  },
};

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

const c02: CatalogItem = {
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

/** `clawwarden rotate` handles the gateway and hooks tokens; other credentials rotate at their provider. */
function rotateRemediation(keyPath: string): string {
  if (keyPath === "gateway.auth.token") return "Rotate the gateway token: `clawwarden rotate gateway-token`.";
  if (keyPath === "hooks.token") return "Rotate the hooks token: `clawwarden rotate hooks-token`.";
  return `Rotate ${keyPath} at its provider, put the new value where the SecretRef points and restart the gateway.`;
}

/**
 * `<stateDir>/.env` is where OpenClaw loads its own environment from (reference §1.3) and where
 * `clawwarden fix` puts secrets it moves out of the config. Private to the owner (no group/other bits),
 * it is the env-variable storage the guide asks for; readable by others, it is plaintext storage.
 */
function privateEnvStore(s: Snapshot): string | undefined {
  const entry = s.state.entries.find((e) => e.path === ".env" && e.kind === "file");
  if (!entry || (entry.mode & 0o077) !== 0) return undefined;
  return join(s.state.root, ".env");
}

const c03: CatalogItem = {
  id: "C-03",
  title: "Scan sensitive files regularly",
  category: "credentials",
  priority: "P1",
  action: "Periodically scan the ~/.openclaw directory for credential files",
  verification: "Automated scan script",
  why: "Credentials pasted into chats or read by tools end up in transcripts and databases (OpenClaw stores task prompts unredacted), where backups and anyone with file access can read them.",
  openclaw: [],
  fix: "assisted",
  needs: ["state"],
  evaluate(s) {
    const f = s.stateSecrets;
    if (!f.known)
      return [
        finding(c03, {
          check: "not-scanned",
          status: "unknown",
          message: `State files were not scanned for credentials: ${f.reason}`,
          remediation: f.hint ?? "Run `clawwarden audit` with read access to the state dir.",
        }),
      ];
    const out: Finding[] = [];
    const byFile = new Map<string, SecretHit[]>();
    const stores: SecretHit[] = [];
    const identities: SecretHit[] = [];
    for (const hit of f.value.hits) {
      const place = secretPlace(hit);
      if (place === "identity") identities.push(hit);
      else if (place === "store") stores.push(hit);
      else byFile.set(hit.location.file, [...(byFile.get(hit.location.file) ?? []), hit]);
    }
    for (const [file, hits] of byFile) {
      const sure = hits.some((h) => h.confidence !== "low");
      out.push(
        finding(c03, {
          check: "secrets-in-state",
          status: sure ? "fail" : "warn",
          message: `${hits.length} credential(s) leaked into ${file} (transcripts, task prompts, logs or caches)${sure ? "" : " (low confidence)"}.`,
          evidence: hits.slice(0, 20).map(hitEvidence),
          remediation:
            "Rotate each exposed credential at its provider, then delete the session or task history that holds it (`openclaw sessions` / `openclaw doctor --session-sqlite`), with a backup taken first.",
          location: { file },
          subject: file,
        }),
      );
    }
    if (stores.length > 0)
      out.push(
        finding(c03, {
          check: "plaintext-credential-store",
          status: "warn",
          severity: "medium",
          message: `${stores.length} credential(s) kept in OpenClaw's own credential stores, unencrypted at rest (expected, but only file modes protect them).`,
          evidence: stores.slice(0, 20).map(hitEvidence),
          remediation:
            "Keep the state dir 700 and its files 600 (C-02) and prefer SecretRefs (`keyRef`/`tokenRef` from env or an exec provider) over keys pasted into `openclaw models auth`.",
          subject: "stores",
        }),
      );
    if (identities.length > 0)
      out.push(
        finding(c03, {
          check: "device-identity",
          status: "pass",
          message: `${identities.length} device identity key(s) or pairing token(s) where OpenClaw keeps them (protected by C-02 file modes).`,
          evidence: identities.slice(0, 5).map(hitEvidence),
          subject: "identity",
        }),
      );
    for (const inc of f.value.incomplete.slice(0, 20))
      out.push(
        finding(c03, {
          check: "scan-incomplete",
          status: "unknown",
          message: `${inc.path} was not scanned fully: ${inc.reason}`,
          location: { file: inc.path },
          subject: inc.path,
        }),
      );
    if (out.every((x) => x.status === "pass"))
      out.push(
        finding(c03, {
          check: "clean",
          status: "pass",
          message: `No leaked credentials in ${f.value.filesScanned} state file(s) (${(f.value.bytesScanned / 1048576).toFixed(1)} MiB scanned).`,
        }),
      );
    return out;
  },
};

const c04: CatalogItem = {
  id: "C-04",
  title: "K8s: use Secrets",
  category: "credentials",
  priority: "P1",
  action: "In Kubernetes deployments, use Secrets or Vault — never hardcode tokens in containers",
  verification: "K8s config review",
  why: "Tokens baked into images or pod specs are readable by anyone with access to the registry, the manifests or `kubectl get pod -o yaml`.",
  openclaw: [],
  fix: "assisted",
  needs: ["live"],
  evaluate(s) {
    if (!s.live) return [needsLive(c04, "Kubernetes manifests and pod environment are read on the host")];
    const fact = s.live.kubernetes;
    if (!fact.known)
      return [
        finding(c04, {
          check: "k8s-unknown",
          status: "unknown",
          message: `Kubernetes manifests could not be read: ${fact.reason}`,
          remediation:
            fact.hint ?? "Re-run with the manifests readable (or a kubectl context for the cluster).",
        }),
      ];
    return k8sFindings(fact.value);
  },
};

function k8sFindings(k8s: K8sFacts): Finding[] {
  const workloads = k8s.workloads.filter((w) => w.openclaw);
  if (workloads.length === 0 && k8s.literalSecrets.length === 0)
    return [
      finding(c04, {
        check: "not-kubernetes",
        status: "skip",
        message: `No Kubernetes workload runs OpenClaw (${k8s.files.length} manifest file(s) read).`,
      }),
    ];
  const out: Finding[] = [];
  const fromSecrets: Evidence[] = [];
  for (const w of workloads)
    for (const c of w.containers)
      for (const env of c.env) {
        const location = { file: w.file, ...(env.line !== undefined ? { line: env.line } : {}) };
        const label = `${w.kind}/${w.name} container ${c.name} env ${env.name}`;
        if (env.from === "value" && env.secretFingerprint)
          out.push(
            finding(c04, {
              check: "hardcoded-env",
              status: "fail",
              message: `${label} holds a literal credential.`,
              evidence: [
                { message: `${label} = literal`, source: "host", value: env.secretFingerprint, location },
              ],
              remediation: `Move it into a Secret and reference it: env: [{ name: ${env.name}, valueFrom: { secretKeyRef: { name: <secret>, key: <key> } } }]; rotate the exposed value.`,
              location,
              subject: label,
            }),
          );
        else if (env.from === "secretKeyRef")
          fromSecrets.push({ message: `${label} comes from a Secret`, source: "host", location });
      }
  for (const lit of k8s.literalSecrets) {
    const location = { file: lit.file, ...(lit.line !== undefined ? { line: lit.line } : {}) };
    out.push(
      finding(c04, {
        check: "literal-secret-manifest",
        status: "fail",
        message: `${lit.where} in ${lit.file} commits a credential to a manifest file.`,
        evidence: [
          { message: `${lit.where} (${lit.rule})`, source: "host", value: lit.fingerprint, location },
        ],
        remediation:
          "Keep Secret values out of files: create them with `kubectl create secret` from a vault, or use External Secrets / Sealed Secrets; rotate the committed value.",
        location,
        subject: `${lit.file}:${lit.where}`,
      }),
    );
  }
  for (const u of k8s.unreadable)
    out.push(
      finding(c04, {
        check: "manifest-unreadable",
        status: "unknown",
        message: `${u.file} could not be parsed: ${u.reason}`,
        location: { file: u.file },
        subject: u.file,
      }),
    );
  if (out.length === 0)
    out.push(
      finding(c04, {
        check: "secrets-used",
        status: "pass",
        message: `${workloads.length} OpenClaw workload(s) take no literal credentials (${fromSecrets.length} env value(s) come from Secrets).`,
        evidence: fromSecrets.slice(0, 20),
      }),
    );
  return out;
}

const rotationMaxDays = 90;
const dayMs = 86_400_000;

const c05: CatalogItem = {
  id: "C-05",
  title: "Rotate credentials",
  category: "credentials",
  priority: "P1",
  action: "Periodically rotate every API key and token tied to a connected service",
  verification: "Rotation log",
  why: "A credential that never changes stays valid for whoever copied it from a backup, a transcript or a leaked config.",
  openclaw: [],
  fix: "assisted",
  needs: ["config", "state"],
  evaluate(s) {
    const keys = secretKeys(s);
    if (keys.length === 0)
      return [
        finding(c05, {
          check: "no-credentials",
          status: "skip",
          message:
            "No credentials are configured in openclaw.json (auth profiles and env vars are not tracked here).",
        }),
      ];
    if (!s.rotations.known)
      return [
        finding(c05, {
          check: "no-rotation-log",
          status: "unknown",
          message: `Rotation history is unavailable: ${s.rotations.reason}. ${keys.length} credential(s) configured.`,
          remediation:
            s.rotations.hint ??
            "Rotate with `clawwarden rotate gateway-token|hooks-token` (each rotation is logged) and re-run the audit.",
        }),
      ];
    const now = Date.parse(s.takenAt);
    const out: Finding[] = [];
    const fresh: Evidence[] = [];
    const never: Evidence[] = [];
    const valid = s.rotations.value.filter((r) => !Number.isNaN(Date.parse(r.at)));
    for (const k of keys) {
      const last = valid
        .filter((r) => r.target === k.keyPath)
        .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
      const location = where(s, k.keyPath);
      if (!last) {
        never.push({
          message: `${k.keyPath}: no rotation in the log`,
          source: "state",
          keyPath: k.keyPath,
          location,
        });
        continue;
      }
      const ageDays = Math.floor((now - Date.parse(last.at)) / dayMs);
      const ev: Evidence = {
        message: `${k.keyPath} last rotated ${last.at.slice(0, 10)} (${ageDays} days ago${last.by ? ` by ${last.by}` : ""})`,
        source: "state",
        keyPath: k.keyPath,
        value: last.fingerprint,
        location,
      };
      if (ageDays > rotationMaxDays)
        out.push(
          finding(c05, {
            check: "rotation-overdue",
            status: "fail",
            severity: "medium",
            message: `${k.keyPath} was last rotated ${ageDays} days ago (limit ${rotationMaxDays}).`,
            evidence: [ev],
            remediation: rotateRemediation(k.keyPath),
            location,
            subject: k.keyPath,
          }),
        );
      else fresh.push(ev);
    }
    if (never.length > 0) {
      // Rotations done outside clawwarden leave no log entry: a person can attest them (as for N-06).
      const attested = s.clawwarden.attestations.some((a) => a.id.toUpperCase() === c05.id);
      if (attested) {
        const f = manualOrAttested(c05, s, `rotate every credential at least every ${rotationMaxDays} days`);
        f.evidence.push(...never);
        out.push(f);
      } else
        out.push(
          finding(c05, {
            check: "never-rotated",
            status: "warn",
            severity: "medium",
            message: `${never.length} credential(s) have no recorded rotation, so their age is unknown: ${never.map((e) => e.keyPath).join(", ")}.`,
            evidence: never,
            remediation: `${never
              .map((e) => rotateRemediation(e.keyPath ?? ""))
              .filter((v, i, a) => a.indexOf(v) === i)
              .join(" ")} If you rotate another way, attest C-05 in clawwarden.json with an expiry.`,
            subject: "never-rotated",
          }),
        );
    }
    if (fresh.length > 0)
      out.push(
        finding(c05, {
          check: "rotated",
          status: "pass",
          message: `${fresh.length} credential(s) rotated within ${rotationMaxDays} days.`,
          evidence: fresh,
        }),
      );
    return out;
  },
};

export const credentialsItems: CatalogItem[] = [c01, c02, c03, c04, c05].map(withLiveEvidence);
