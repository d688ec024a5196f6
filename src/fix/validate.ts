/**
 * Validation before anything is written. With the real OpenClaw CLI available, the planned files
 * are staged in a private temp dir and checked with `openclaw config validate --json`; otherwise
 * (and always, in addition) every key we write is checked against our own schema of those keys,
 * taken from OpenClaw 2026.9.6's strict schema (`openclaw config schema --json`).
 */
import {
  accessSync,
  constants,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, isAbsolute, join, relative } from "node:path";
import JSON5 from "json5";
import { runCommand } from "../deployment/openclaw-cli.js";
import type { Plan } from "./plan.js";
import { isObj } from "./steps.js";

type Check = (v: unknown) => boolean;
const oneOf =
  (...values: unknown[]): Check =>
  (v) =>
    values.includes(v);
const bool: Check = (v) => typeof v === "boolean";
const str: Check = (v) => typeof v === "string";
const strList: Check = (v) => Array.isArray(v) && v.every((x) => typeof x === "string");
const secretInput: Check = (v) =>
  typeof v === "string" ||
  (isObj(v) &&
    oneOf("env", "file", "exec", "store")(v.source) &&
    typeof v.provider === "string" &&
    /^[a-z][a-z0-9_-]{0,63}$/.test(v.provider) &&
    typeof v.id === "string" &&
    (v.source !== "env" || /^[A-Z][A-Z0-9_]{0,127}$/.test(v.id)));
const rateLimit: Check = (v) =>
  isObj(v) &&
  Object.entries(v).every(
    ([k, x]) => ["maxAttempts", "windowMs", "lockoutMs"].includes(k) && Number.isInteger(x),
  );

const installPolicy: Check = (v) =>
  isObj(v) &&
  v.enabled === true &&
  strList(v.targets) &&
  isObj(v.exec) &&
  v.exec.source === "exec" &&
  typeof v.exec.command === "string" &&
  v.exec.command.startsWith("/") &&
  strList(v.exec.args) &&
  Number.isInteger(v.exec.timeoutMs);

const ID = "[^.]+";
const AGENT = `agents\\.(?:defaults|entries\\.${ID}|list\\.\\d+)`;
const CHANNEL = `channels\\.${ID}(?:\\.accounts\\.${ID})?`;

/** The keys clawwarden may write, with the values OpenClaw's schema accepts for them. */
const SCHEMA: Array<[RegExp, Check]> = [
  [/^gateway\.mode$/, oneOf("local", "remote")],
  [/^gateway\.port$/, (v) => Number.isInteger(v) && (v as number) > 0 && (v as number) < 65536],
  [/^gateway\.bind$/, oneOf("loopback", "lan", "tailnet", "auto", "custom")],
  [/^gateway\.auth\.mode$/, oneOf("none", "token", "password", "trusted-proxy")],
  [/^gateway\.(?:auth|remote)\.(?:token|password)$/, secretInput],
  [/^gateway\.auth\.rateLimit$/, rateLimit],
  [/^gateway\.controlUi\.allowedOrigins$/, strList],
  [/^discovery\.mdns\.mode$/, oneOf("minimal", "full", "off")],
  [/^cron\.webhookToken$/, secretInput],
  [/^hooks\.(?:token|gmail\.pushToken)$/, str],
  [/^hooks\.path$/, (v) => typeof v === "string" && v.startsWith("/") && v !== "/"],
  [/^hooks\.allowedAgentIds$/, strList],
  // the guard plugin (clawwarden guard install); OpenClaw's own validation checks the plugin's configSchema
  [/^plugins\.(?:load\.paths|allow)$/, strList],
  [/^plugins\.entries\.clawwarden\.(?:enabled|hooks\.allowConversationAccess)$/, bool],
  [/^plugins\.entries\.clawwarden\.config\.profile$/, oneOf("personal", "production", "strict")],
  [/^plugins\.entries\.clawwarden\.config\.policyFile$/, str],
  [/^hooks\.defaultSessionKey$/, str],
  // the install gate (K-02): OpenClaw's installPolicy shape (openclaw.md), absolute command and args
  [/^security\.installPolicy$/, installPolicy],
  [
    /^security\.installPolicy\.targets$/,
    (v) => strList(v) && (v as string[]).every((t) => t === "skill" || t === "plugin"),
  ],
  [/^hooks\.allowRequestSessionKey$/, bool],
  [/^hooks\.(?:mappings\.\d+|gmail)\.allowUnsafeExternalContent$/, bool],
  [new RegExp(`^models\\.providers\\.${ID}\\.apiKey$`), secretInput],
  [new RegExp(`^skills\\.entries\\.${ID}\\.apiKey$`), secretInput],
  [new RegExp(`^${CHANNEL}\\.dmPolicy$`), oneOf("pairing", "allowlist", "open", "disabled")],
  [new RegExp(`^${CHANNEL}\\.dm\\.policy$`), oneOf("pairing", "allowlist", "open", "disabled")],
  [new RegExp(`^${CHANNEL}\\.direct\\.${ID}\\.dmPolicy$`), oneOf("pairing", "allowlist", "open", "disabled")],
  [new RegExp(`^${CHANNEL}\\.dm\\.allowFrom$`), (v) => Array.isArray(v)],
  [new RegExp(`^(?:${CHANNEL}|channels\\.defaults)\\.groupPolicy$`), oneOf("allowlist", "open", "disabled")],
  [new RegExp(`^${CHANNEL}\\.(?:allowFrom|groupAllowFrom)$`), (v) => Array.isArray(v)],
  [
    new RegExp(`^${CHANNEL}\\.(?:groups|guilds|channels)\\.${ID}(?:\\.channels\\.${ID})?\\.requireMention$`),
    bool,
  ],
  [
    new RegExp(`^${CHANNEL}\\.\\w*(?:[Tt]oken|[Ss]ecret|[Pp]assword|[Aa]pi[Kk]ey|[Pp]rivate[Kk]ey)$`),
    secretInput,
  ],
  [new RegExp(`^${AGENT}\\.sandbox\\.mode$`), oneOf("off", "non-main", "all")],
  [new RegExp(`^${AGENT}\\.sandbox\\.workspaceAccess$`), oneOf("none", "ro", "rw")],
  [new RegExp(`^${AGENT}\\.sandbox\\.docker\\.network$`), (v) => typeof v === "string" && v !== "host"],
  [new RegExp(`^${AGENT}\\.sandbox\\.docker\\.binds$`), strList],
  [new RegExp(`^${AGENT}\\.workspace$`), str],
  [new RegExp(`^(?:${AGENT}\\.)?tools\\.profile$`), oneOf("minimal", "coding", "messaging", "full")],
  [new RegExp(`^(?:${AGENT}\\.)?tools\\.(?:allow|alsoAllow)$`), strList],
  [new RegExp(`^${AGENT}\\.sandbox\\.docker\\.(?:readOnlyRoot|readOnlyRootFilesystem)$`), bool],
  [new RegExp(`^${AGENT}\\.sandbox\\.docker\\.user$`), str],
  [/^tools\.deny$/, strList],
  [/^tools\.fs\.workspaceOnly$/, bool],
  [/^tools\.elevated\.enabled$/, bool],
  [new RegExp(`^tools\\.elevated\\.allowFrom\\.${ID}$`), strList],
  [new RegExp(`^(?:${AGENT}\\.)?tools\\.exec\\.security$`), oneOf("deny", "allowlist", "full")],
  [new RegExp(`^(?:${AGENT}\\.)?tools\\.exec\\.ask$`), oneOf("off", "on-miss", "always")],
  [new RegExp(`^(?:${AGENT}\\.)?tools\\.exec\\.mode$`), oneOf("deny", "allowlist", "ask", "auto", "full")],
  [/^tools\.exec\.applyPatch\.workspaceOnly$/, bool],
  [/^tools\.sessions\.visibility$/, oneOf("self", "tree", "agent", "all")],
  [/^tools\.agentToAgent\.enabled$/, bool],
  [/^session\.dmScope$/, oneOf("main", "per-peer", "per-channel-peer", "per-account-channel-peer")],
  [/^browser\.enabled$/, bool],
];

/** How our own schema judges one write: no entry for the key, a value it rejects, or fine. */
export function builtinVerdict(keyPath: string, value: unknown): "unknown-key" | "rejected" | "ok" {
  const rule = SCHEMA.find(([re]) => re.test(keyPath));
  if (!rule) return "unknown-key";
  return rule[1](value) ? "ok" : "rejected";
}

/** Problems with the keys a plan writes, judged by our own schema (empty = fine). */
export function builtinProblems(plan: Plan): string[] {
  const problems: string[] = [];
  for (const item of plan.items) {
    for (const step of item.steps) {
      if (step.kind !== "config") continue;
      const key = step.keyPath.join(".");
      const rule = SCHEMA.find(([re]) => re.test(key));
      if (!rule) problems.push(`${item.id}: clawwarden has no schema entry for ${key}; refusing to write it`);
      else if (!rule[1](step.value))
        problems.push(`${item.id}: ${key} = ${JSON.stringify(step.value)} is not a value OpenClaw accepts`);
    }
  }
  for (const f of plan.files) {
    if (!/\.json5?$/.test(f.path) || f.path.endsWith("rotations.jsonl")) continue;
    try {
      JSON5.parse(f.after);
    } catch (error) {
      problems.push(`${f.path}: the new text does not parse (${(error as Error).message})`);
    }
  }
  return problems;
}

export function findOpenClawBin(
  env: Record<string, string | undefined>,
  explicit?: string,
): string | undefined {
  const candidates = explicit
    ? [explicit]
    : (env.PATH ?? "")
        .split(delimiter)
        .filter(Boolean)
        .map((d) => join(d, "openclaw"));
  for (const p of candidates) {
    try {
      if (statSync(p).isFile()) {
        accessSync(p, constants.X_OK);
        return p;
      }
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface Validation {
  ok: boolean;
  via: string;
  problems: string[];
}

/**
 * Stages the planned config files (and env file) in a private temp state dir and runs the real
 * `openclaw config validate --json` on them; the deployment itself is not touched.
 */
export async function validateWithOpenClaw(
  plan: Plan,
  bin: string,
  env: Record<string, string | undefined>,
  timeoutMs = 120_000,
): Promise<Validation> {
  const stage = mkdtempSync(join(tmpdir(), "clawwarden-validate-"));
  try {
    const configDir = dirname(plan.configPath);
    const stagedConfig = join(stage, "config", "openclaw.json");
    const place = (path: string) => {
      const rel = relative(configDir, path);
      return rel.startsWith("..") || isAbsolute(rel) ? undefined : join(stage, "config", rel);
    };
    const planned = new Map(plan.files.map((f) => [f.path, f.after]));
    const sources = [plan.configPath, ...plan.files.map((f) => f.path).filter((p) => /\.json5?$/.test(p))];
    for (const src of new Set(sources)) {
      const dst = src === plan.configPath ? stagedConfig : place(src);
      if (!dst) continue;
      mkdirSync(dirname(dst), { recursive: true, mode: 0o700 });
      const text = planned.get(src);
      if (text !== undefined) writeFileSync(dst, text, { mode: 0o600 });
      else copyFileSync(src, dst);
    }
    copyIncludes(plan.configPath, configDir, stage);
    const envFile = join(plan.stateDir, ".env");
    const envText = planned.get(envFile);
    if (envText !== undefined) writeFileSync(join(stage, ".env"), envText, { mode: 0o600 });
    else {
      try {
        copyFileSync(envFile, join(stage, ".env"));
      } catch {
        // no env file
      }
    }
    const childEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v;
    childEnv.OPENCLAW_STATE_DIR = stage;
    childEnv.OPENCLAW_CONFIG_PATH = stagedConfig;
    childEnv.NO_COLOR = "1";
    childEnv.OPENCLAW_NO_AUTO_UPDATE = "1";
    const run = await runCommand(bin, ["config", "validate", "--json"], childEnv, timeoutMs);
    if (run.spawnError || run.timedOut || run.signal) {
      return {
        ok: false,
        via: "openclaw",
        problems: [
          `openclaw config validate did not finish: ${run.spawnError ?? (run.timedOut ? "timeout" : run.signal)}`,
        ],
      };
    }
    if (run.code === 0) return { ok: true, via: `openclaw config validate (${bin})`, problems: [] };
    return { ok: false, via: "openclaw", problems: describeIssues(run.stdout || run.stderr) };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** Include files that the plan does not change still have to be beside the staged config. */
function copyIncludes(configPath: string, configDir: string, stage: string): void {
  const seen = new Set<string>();
  const visit = (file: string, depth: number) => {
    if (seen.has(file) || depth > 10) return;
    seen.add(file);
    let value: unknown;
    try {
      value = JSON5.parse(readFileSync(file, "utf8"));
    } catch {
      return;
    }
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (isObj(v)) {
        for (const [k, x] of Object.entries(v)) {
          if (k === "$include") {
            for (const spec of Array.isArray(x) ? x : [x]) {
              if (typeof spec !== "string") continue;
              const p = isAbsolute(spec) ? spec : join(dirname(file), spec);
              const rel = relative(configDir, p);
              if (rel.startsWith("..") || isAbsolute(rel)) continue;
              const dst = join(stage, "config", rel);
              try {
                statSync(dst);
              } catch {
                mkdirSync(dirname(dst), { recursive: true, mode: 0o700 });
                try {
                  copyFileSync(p, dst);
                } catch {
                  // missing include: OpenClaw will report it
                }
              }
              visit(p, depth + 1);
            }
          } else walk(x);
        }
      }
    };
    walk(value);
  };
  visit(configPath, 0);
}

function describeIssues(out: string): string[] {
  try {
    const start = out.indexOf("{");
    const parsed = JSON.parse(out.slice(start)) as {
      issues?: Array<{ path?: string; message?: string }>;
      error?: { message?: string };
    };
    if (parsed.issues?.length)
      return parsed.issues.map((i) => `${i.path ?? "<root>"}: ${i.message ?? "invalid"}`);
    if (parsed.error?.message) return [parsed.error.message];
  } catch {
    // not JSON
  }
  return [out.trim().split("\n").slice(0, 5).join(" ") || "openclaw config validate failed"];
}
