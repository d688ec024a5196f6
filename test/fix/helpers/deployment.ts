import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { sha256Hex } from "../../../src/util/fingerprint.js";

export const INSECURE_SAMPLE = join(
  import.meta.dirname,
  "..",
  "..",
  "fixtures",
  "openclaw-samples",
  "config-insecure.json",
);
const EXAMPLE = join(import.meta.dirname, "..", "..", "..", "examples", "insecure");

/** The insecure example produced with the real OpenClaw (examples/insecure), else the reference sample. */
export function insecureConfigSource(): string {
  for (const p of [join(EXAMPLE, "openclaw.json"), INSECURE_SAMPLE]) {
    try {
      lstatSync(p);
      return p;
    } catch {
      // next
    }
  }
  throw new Error("no insecure example config found");
}

/**
 * An insecure state dir: a copy of examples/insecure (made by the real OpenClaw) when present, else
 * the reference sample config; then config 666 in a 777 dir, and a 755 default workspace.
 */
export function makeInsecureDeployment(root?: string): string {
  const dir = root ?? mkdtempSync(join(tmpdir(), "cw-fix-"));
  if (existsSync(join(EXAMPLE, "openclaw.json"))) cpSync(EXAMPLE, dir, { recursive: true });
  else copyFileSync(INSECURE_SAMPLE, join(dir, "openclaw.json"));
  mkdirSync(join(dir, "workspace"), { recursive: true });
  chmodSync(dir, 0o777);
  chmodSync(join(dir, "openclaw.json"), 0o666);
  chmodSync(join(dir, "workspace"), 0o755);
  return dir;
}

/**
 * Every file's sha256 and mode and every directory's mode under `dir`, except clawwarden's own
 * bookkeeping (`.clawwarden/`: backups and run manifests).
 */
export function treeChecksums(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (p: string) => {
    const st = lstatSync(p);
    const rel = relative(dir, p) || ".";
    if (rel === ".clawwarden") return;
    const mode = (st.mode & 0o7777).toString(8);
    if (st.isDirectory()) {
      out[`${rel}/`] = mode;
      for (const n of readdirSync(p).sort()) walk(join(p, n));
    } else if (st.isFile()) {
      out[rel] = `${mode} ${sha256Hex(readFileSync(p))}`;
    } else {
      out[rel] = `${mode} ${st.isSymbolicLink() ? "symlink" : "other"}`;
    }
  };
  walk(dir);
  return out;
}
