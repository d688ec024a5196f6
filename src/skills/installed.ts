import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { InstalledSkillsScan, InstalledSkillVerdict } from "../model/snapshot.js";
import { analyzeSkill, prepareAnalyzer } from "./analyze.js";
import { type IocDb, loadIocDb } from "./ioc.js";
import { loadTarget } from "./load.js";
import { approvalStatus, defaultLockfilePath, readLockfile } from "./lockfile.js";
import type { SkillReport } from "./types.js";

/** Where OpenClaw 9.6 discovers skills and plugins for a deployment (reference §2.10, state layout). */
export interface DiscoveryOptions {
  stateDir: string;
  home: string;
  /** Agent workspace directories. */
  workspaces: string[];
  /** `skills.load.extraDirs` and `plugins.load.paths`. */
  extraSkillDirs?: string[];
  extraPluginDirs?: string[];
}

export interface DiscoveryRoot {
  path: string;
  kind: "skill" | "plugin";
  source: string;
}

export function discoveryRoots(o: DiscoveryOptions): DiscoveryRoot[] {
  const roots: DiscoveryRoot[] = [];
  for (const ws of o.workspaces) {
    roots.push({ path: join(ws, "skills"), kind: "skill", source: "workspace skills" });
    roots.push({ path: join(ws, ".agents", "skills"), kind: "skill", source: "workspace .agents/skills" });
  }
  roots.push({ path: join(o.home, ".agents", "skills"), kind: "skill", source: "~/.agents/skills" });
  roots.push({ path: join(o.stateDir, "skills"), kind: "skill", source: "managed skills" });
  for (const d of o.extraSkillDirs ?? [])
    roots.push({ path: d, kind: "skill", source: "skills.load.extraDirs" });
  roots.push({ path: join(o.stateDir, "extensions"), kind: "plugin", source: "extensions" });
  roots.push({ path: join(o.stateDir, "npm", "projects"), kind: "plugin", source: "managed npm plugins" });
  roots.push({ path: join(o.stateDir, "git"), kind: "plugin", source: "managed git plugins" });
  for (const d of o.extraPluginDirs ?? [])
    roots.push({ path: d, kind: "plugin", source: "plugins.load.paths" });
  const seen = new Set<string>();
  return roots.filter((r) => {
    if (seen.has(r.path)) return false;
    seen.add(r.path);
    return true;
  });
}

/** The installed items of one root: each child directory is a skill or plugin. */
export function installedItems(root: DiscoveryRoot): string[] {
  if (!existsSync(root.path)) return [];
  let names: string[];
  try {
    names = readdirSync(root.path).sort();
  } catch {
    return [];
  }
  return names
    .filter((n) => !n.startsWith("."))
    .map((n) => join(root.path, n))
    .filter((p) => {
      try {
        return statSync(p).isDirectory();
      } catch {
        return false;
      }
    });
}

export interface ScanInstalledOptions extends DiscoveryOptions {
  /** Lockfile path; defaults to `<stateDir>/.clawwarden/skills.lock.json` (beside fix backups and the rotation log). In use when the file exists. */
  lockfile?: string;
  /** Defaults to the bundled database plus the user's verified updates. */
  ioc?: IocDb;
}

/**
 * Scans every installed skill and plugin root of a deployment for the audit's K items.
 * Returns the snapshot fact plus the full reports (findings) for callers that want them.
 */
export async function scanInstalled(
  o: ScanInstalledOptions,
): Promise<InstalledSkillsScan & { reports: SkillReport[] }> {
  const lockPath = o.lockfile ?? defaultLockfilePath(o.stateDir);
  const lock = readLockfile(lockPath);
  const roots = discoveryRoots(o).filter((r) => existsSync(r.path));
  const installed = roots.map((root) => ({ root, dirs: installedItems(root) }));
  // The parsers (tree-sitter wasm) cost tens of milliseconds: load them only when there is code to parse.
  if (installed.some((r) => r.dirs.length > 0)) await prepareAnalyzer();
  const ioc = o.ioc ?? loadIocDb();
  const items: InstalledSkillVerdict[] = [];
  const reports: SkillReport[] = [];
  for (const { root, dirs } of installed) {
    for (const dir of dirs) {
      const loaded = loadTarget(dir);
      for (const skill of loaded) {
        if (skill.files.length === 0) continue;
        const report = analyzeSkill(skill, { ioc });
        reports.push(report);
        const item: InstalledSkillVerdict = {
          name: report.name,
          kind: root.kind === "plugin" ? "plugin" : report.kind,
          path: skill.root,
          verdict: report.verdict,
          findings: report.findings.length,
        };
        if (lock) item.approved = approvalStatus(lock, report);
        items.push(item);
      }
    }
  }
  return { roots: roots.map((r) => r.path), items, lockfileInUse: lock !== undefined, reports };
}
