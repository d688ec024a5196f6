import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "../util/errors.js";
import { type DiscoveryOptions, discoveryRoots, installedItems } from "./installed.js";
import { frontmatter } from "./load.js";

/**
 * Quarantine (K-05): moves a skill or plugin out of every discovery root into
 * `<stateDir>/.clawwarden/quarantine/<stamp>-<name>/`, with a manifest that `restore` uses to put it back.
 */

export interface QuarantineManifest {
  format: "clawwarden-quarantine/1";
  name: string;
  at: string;
  items: Array<{ from: string; stored: string }>;
}

export const quarantineDir = (stateDir: string) => join(stateDir, ".clawwarden", "quarantine");

function itemName(dir: string): string[] {
  const names = [basename(dir)];
  try {
    const md = join(dir, "SKILL.md");
    if (existsSync(md)) {
      const n = frontmatter(readFileSync(md, "utf8")).name;
      if (n) names.push(n);
    }
    const manifest = join(dir, "openclaw.plugin.json");
    if (existsSync(manifest)) {
      const id = (JSON.parse(readFileSync(manifest, "utf8")) as { id?: unknown }).id;
      if (typeof id === "string") names.push(id);
    }
  } catch {}
  return names;
}

/** Moves a directory, atomically when on the same filesystem, else copy then remove. */
function move(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
  try {
    renameSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EXDEV") throw e;
    cpSync(from, to, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    rmSync(from, { recursive: true, force: true });
  }
}

export function findInstalled(name: string, o: DiscoveryOptions): string[] {
  const found: string[] = [];
  for (const root of discoveryRoots(o))
    for (const dir of installedItems(root)) if (itemName(dir).includes(name)) found.push(dir);
  return found;
}

export function quarantine(
  name: string,
  o: DiscoveryOptions,
  now: Date,
): { dir: string; manifest: QuarantineManifest } {
  const found = findInstalled(name, o);
  if (found.length === 0)
    throw new InputError(`no installed skill or plugin named "${name}" in any discovery root`);
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const dir = join(quarantineDir(o.stateDir), `${stamp}-${name.replace(/[^\w.-]/g, "_")}`);
  const manifest: QuarantineManifest = {
    format: "clawwarden-quarantine/1",
    name,
    at: now.toISOString(),
    items: [],
  };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  found.forEach((from, i) => {
    const stored = join(dir, String(i));
    move(from, stored);
    manifest.items.push({ from, stored });
    // The manifest is rewritten after each move so an interruption never loses where something came from.
    writeManifest(dir, manifest);
  });
  return { dir, manifest };
}

function writeManifest(dir: string, m: QuarantineManifest): void {
  const tmp = join(dir, `manifest.json.tmp-${process.pid}`);
  writeFileSync(tmp, `${JSON.stringify(m, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, join(dir, "manifest.json"));
}

export function listQuarantined(stateDir: string): Array<{ dir: string; manifest: QuarantineManifest }> {
  const base = quarantineDir(stateDir);
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .sort()
    .map((d) => join(base, d))
    .filter((d) => existsSync(join(d, "manifest.json")))
    .map((dir) => ({
      dir,
      manifest: JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as QuarantineManifest,
    }));
}

/** Puts the most recent quarantine of `name` back where it was; refuses to overwrite anything. */
export function restore(name: string, stateDir: string): QuarantineManifest {
  const q = listQuarantined(stateDir)
    .filter((x) => x.manifest.name === name)
    .pop();
  if (!q) throw new InputError(`nothing named "${name}" is in quarantine`);
  for (const item of q.manifest.items) {
    if (existsSync(item.from))
      throw new InputError(`cannot restore: ${item.from} exists again (move it away first)`);
  }
  for (const item of q.manifest.items) move(item.stored, item.from);
  rmSync(q.dir, { recursive: true, force: true });
  return q.manifest;
}
