import type { Snapshot } from "../../model/snapshot.js";
import { configEvidence } from "../helpers.js";
import type { SandboxScope } from "../sandbox-scopes.js";
import type { Evidence } from "../types.js";

export const SANDBOX_FIX = "openclaw config set agents.defaults.sandbox.mode all";
// ─── S-02 ───────────────────────────────────────────────────────────────────────────────────────

export function dockerEv(s: Snapshot, sc: SandboxScope, key: string): Evidence {
  return configEvidence(s, sc.dockerKeys[key] ?? `${sc.sandboxKey}.docker.${key}`);
}
// ─── S-07 ───────────────────────────────────────────────────────────────────────────────────────

export const BLOCKED_EXACT = [
  "/",
  "/etc",
  "/private/etc",
  "/proc",
  "/sys",
  "/dev",
  "/root",
  "/boot",
  "/run",
  "/var/run",
  "/home",
  "/usr",
  "/var",
];
export const BLOCKED_HOME = [
  ".ssh",
  ".aws",
  ".gnupg",
  ".docker",
  ".config",
  ".netrc",
  ".npm",
  ".cargo",
  ".kube",
  ".openclaw",
];
/** Why a bind source is dangerous, or undefined. Mirrors OpenClaw's blocked list plus a few more. */
export function dangerousBindSource(source: string): string | undefined {
  const src = source.replace(/\/+$/, "") || "/";
  if (/docker\.sock$|podman\.sock$|containerd\.sock$/.test(src))
    return "the container engine socket (root on the host)";
  for (const b of BLOCKED_EXACT) {
    if (src === b) return `the host directory ${b}`;
    if (b !== "/" && b !== "/home" && b !== "/usr" && b !== "/var" && src.startsWith(`${b}/`))
      return `inside ${b}`;
  }
  const home = /^(?:~|\$HOME|\/home\/[^/]+|\/Users\/[^/]+|\/root)(\/.*)?$/.exec(src);
  if (home) {
    const rest = home[1] ?? "";
    if (rest === "") return "a whole home directory";
    const first = rest.split("/")[1] ?? "";
    if (BLOCKED_HOME.includes(first)) return `the credential directory ~/${first}`;
  }
  return undefined;
}
