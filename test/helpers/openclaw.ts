import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..");

/**
 * PATH entries (Node 24 bin dir, openclaw .bin dir) for the real OpenClaw installed by
 * scripts/install-openclaw.sh. test-full.sh exports CLAWWARDEN_OPENCLAW_PATH; otherwise the
 * script runs here (idempotent, cached in .cache/).
 */
export function openclawPath(): string {
  const fromEnv = process.env.CLAWWARDEN_OPENCLAW_PATH;
  if (fromEnv) return fromEnv;
  const out = execFileSync("bash", [join(root, "scripts", "install-openclaw.sh")], { encoding: "utf8" });
  const path = out.trim().split("\n").pop() ?? "";
  process.env.CLAWWARDEN_OPENCLAW_PATH = path;
  return path;
}

/** Absolute path of the real `openclaw` executable. */
export function openclawBin(): string {
  const bin = openclawPath()
    .split(":")
    .map((dir) => join(dir, "openclaw"))
    .find((p) => existsSync(p));
  if (!bin) throw new Error("openclaw is not installed (scripts/install-openclaw.sh)");
  return bin;
}

/** Environment for running the real OpenClaw isolated in a temp HOME and state dir. */
export function openclawEnv(
  home: string,
  stateDir: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    PATH: `${openclawPath()}:${process.env.PATH ?? ""}`,
    HOME: home,
    OPENCLAW_STATE_DIR: stateDir,
    NO_COLOR: "1",
    OPENCLAW_NO_AUTO_UPDATE: "1",
    ...extra,
  };
}
