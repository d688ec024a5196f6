import { homedir } from "node:os";
import { posix } from "node:path";

export interface PathContext {
  home: string;
  /** OpenClaw's state dir (its secrets: openclaw.json, .env, credentials/, auth profiles, state/*.sqlite). */
  stateDir: string;
  extra: string[];
}

export function defaultPathContext(env: NodeJS.ProcessEnv = process.env, extra: string[] = []): PathContext {
  const home = env.HOME || homedir();
  return { home, stateDir: env.OPENCLAW_STATE_DIR || posix.join(home, ".openclaw"), extra };
}

const HOME_DIRS = [
  ".ssh",
  ".gnupg",
  ".aws",
  ".config/gh",
  ".azure",
  ".kube",
  ".docker/config.json",
  ".netrc",
  ".pgpass",
  ".git-credentials",
  ".npmrc",
  ".pypirc",
  ".config/gcloud",
  ".password-store",
  ".local/share/keyrings",
];
const STATE_SECRETS = [
  "openclaw.json",
  ".env",
  "credentials",
  "auth-profiles.json",
  "agents/*/agent/auth-profiles.json",
  "state",
  "identity",
  "devices",
];
const SYSTEM = [
  "/etc/shadow",
  "/etc/gshadow",
  "/etc/sudoers",
  "/root/.ssh",
  "/proc/self/environ",
  "/proc/1/environ",
];
const KEY_EXT = /\.(?:pem|key|p12|pfx|jks|keystore|kdbx|ppk|asc|gpg|ovpn)$/i;
const KEY_NAMES =
  /^(?:id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?|.*[._-]?(?:private[._-]?key|secret|secrets|password|passwords|passwd|credentials?|tokens?|api[._-]?keys?)(?:\.(?:json|ya?ml|txt|env|ini|conf|cfg|toml|csv))?|\.env(?:\..+)?|wallet\.dat|keychain-db|login\.keychain)$/i;
/** Source, docs and code names that only look sensitive: `keyboard.ts`, `tokenizer.md`, `password-reset.tsx`. */
const CODE_EXT =
  /\.(?:ts|tsx|js|jsx|mjs|cjs|py|go|rs|java|kt|rb|php|c|h|cpp|cs|swift|md|mdx|rst|html|css|scss|vue|svelte|lock)$/i;

/** Why reading or writing this path is restricted (SOUL 4), or undefined when it is not. `~` and `$HOME` expand. */
export function restrictedReason(raw: string, pc: PathContext): string | undefined {
  if (!raw || raw.length > 4096) return undefined;
  const p = expand(raw.trim(), pc.home);
  if (!p) return undefined;
  const norm = posix.normalize(p);
  for (const d of HOME_DIRS) {
    const full = posix.join(pc.home, d);
    if (norm === full || norm.startsWith(`${full}/`)) return `~/${d} holds credentials`;
  }
  for (const s of SYSTEM) if (norm === s || norm.startsWith(`${s}/`)) return `${s} is system secret material`;
  // another user's home, or a path written from another machine's point of view (/home/bob/.ssh, /Users/x/.aws)
  for (const d of HOME_DIRS)
    if (norm.includes(`/${d}/`) || norm.endsWith(`/${d}`)) return `${d} holds credentials`;
  const otherState =
    /\/\.(?:openclaw|clawdbot)(?:-[\w-]+)?\/(openclaw\.json5?|\.env|credentials|agents\/[^/]+\/agent\/auth-profiles\.json|state\/[^/]+\.sqlite)(?:\/|$)/.exec(
      norm,
    );
  if (otherState) return `OpenClaw's ${otherState[1]} holds the gateway's secrets`;
  const state = posix.normalize(pc.stateDir);
  if (norm === state || norm.startsWith(`${state}/`)) {
    const rel = norm.slice(state.length + 1);
    for (const s of STATE_SECRETS) {
      const re = new RegExp(`^${s.replace(/[.]/g, "\\.").replace(/\*/g, "[^/]+")}(?:/|$)`);
      if (re.test(rel)) return `OpenClaw's ${s} holds the gateway's secrets`;
    }
  }
  for (const x of pc.extra) {
    const full = posix.normalize(expand(x, pc.home) ?? x);
    if (norm === full || norm.startsWith(`${full}/`)) return `${x} is restricted by policy`;
  }
  const base = posix.basename(norm);
  if (KEY_EXT.test(base)) return `${base} looks like key material`;
  if (!CODE_EXT.test(base) && KEY_NAMES.test(base)) return `${base} looks like a secrets file`;
  return undefined;
}

function expand(p: string, home: string): string | undefined {
  let s = p.replace(/^["']|["']$/g, "");
  if (s === "~" || s.startsWith("~/")) s = home + s.slice(1);
  s = s.replace(/^\$\{?HOME\}?(?=\/|$)/, home);
  if (!s.startsWith("/"))
    return s.includes("/") || s.startsWith(".") ? posix.join("/__cwd__", s) : `/__cwd__/${s}`;
  return s;
}
