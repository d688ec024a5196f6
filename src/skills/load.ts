import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readlinkSync, readSync } from "node:fs";
import { basename, join, posix } from "node:path";
import { InputError } from "../util/errors.js";
import {
  type ArchiveEntry,
  type ArchiveLimits,
  archiveType,
  DEFAULT_LIMITS,
  readArchive,
} from "./archive.js";
import type { LoadedSkill, LoadProblem, SkillFile } from "./types.js";

/**
 * Turns a target (skill folder, skills root, .zip, .tar.gz, npm .tgz) into skills held in memory.
 * Bounded everywhere: entries, bytes per file, total bytes, nesting depth, compression ratio.
 * Symlinks are recorded, never followed. Nothing is executed or written.
 */

export interface LoadOptions {
  limits?: Partial<ArchiveLimits>;
  /** Directory names skipped while walking folders. */
  skipDirs?: string[];
}

interface Entry extends ArchiveEntry {}

export function loadTarget(target: string, opts: LoadOptions = {}): LoadedSkill[] {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  let st: ReturnType<typeof lstatSync>;
  try {
    st = lstatSync(target);
  } catch (e) {
    throw new InputError(
      `cannot read scan target: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      { file: target },
    );
  }
  const problems: LoadProblem[] = [];
  let entries: Entry[];
  let display = target;
  if (st.isDirectory()) {
    entries = walkDir(target, limits, new Set(opts.skipDirs ?? [".git"]), problems);
  } else if (st.isFile()) {
    if (st.size > limits.maxTotalBytes)
      throw new InputError(`archive is ${st.size} bytes, over the ${limits.maxTotalBytes}-byte limit`, {
        file: target,
      });
    const head = readHead(target);
    if (!archiveType(target, head)) {
      // A single file: treat it as a one-file skill.
      entries = [{ path: basename(target), kind: "file", size: st.size, data: readFileSync(target) }];
    } else {
      const res = readArchive(target, readFileSync(target), limits);
      problems.push(...res.problems);
      entries = stripCommonTop(res.entries);
      display = `${target}!`;
    }
  } else {
    throw new InputError("scan target is neither a folder nor a file", { file: target });
  }
  entries = expandNested(entries, limits, 1, problems);
  return splitSkills(
    entries,
    problems,
    display,
    basename(target).replace(/\.(?:zip|tgz|tar\.gz|tar|skill)$/i, ""),
  );
}

function readHead(file: string): Buffer {
  const fd = openSync(file, "r");
  try {
    const b = Buffer.alloc(512);
    const n = readSync(fd, b, 0, 512, 0);
    return b.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function walkDir(root: string, limits: ArchiveLimits, skip: Set<string>, problems: LoadProblem[]): Entry[] {
  const out: Entry[] = [];
  let total = 0;
  const stack: string[] = [""];
  while (stack.length > 0) {
    const rel = stack.pop() as string;
    let names: string[];
    try {
      names = readdirSync(join(root, rel)).sort();
    } catch (e) {
      problems.push({
        path: rel || ".",
        rule: "packaging.unreadable",
        reason: `cannot list: ${(e as NodeJS.ErrnoException).code}`,
        incomplete: true,
      });
      continue;
    }
    for (const name of names) {
      const r = rel ? `${rel}/${name}` : name;
      if (out.length >= limits.maxEntries) {
        problems.push({
          path: r,
          rule: "packaging.archive-bomb",
          reason: `more than ${limits.maxEntries} files`,
          incomplete: true,
        });
        return out;
      }
      const abs = join(root, r);
      let s: ReturnType<typeof lstatSync>;
      try {
        s = lstatSync(abs);
      } catch {
        continue;
      }
      if (s.isSymbolicLink()) {
        let target = "";
        try {
          target = readlinkSync(abs);
        } catch {}
        out.push({ path: r, kind: "symlink", size: 0, linkTarget: target });
      } else if (s.isDirectory()) {
        if (!skip.has(name)) stack.push(r);
      } else if (s.isFile()) {
        if (s.size > limits.maxFileBytes) {
          out.push({
            path: r,
            kind: "file",
            size: s.size,
            problem: {
              rule: "packaging.oversize",
              reason: `${s.size} bytes over the ${limits.maxFileBytes}-byte file limit`,
              incomplete: true,
            },
          });
          continue;
        }
        total += s.size;
        if (total > limits.maxTotalBytes) {
          problems.push({
            path: r,
            rule: "packaging.archive-bomb",
            reason: `total size over ${limits.maxTotalBytes} bytes`,
            incomplete: true,
          });
          return out;
        }
        try {
          out.push({ path: r, kind: "file", size: s.size, data: readFileSync(abs) });
        } catch (e) {
          out.push({
            path: r,
            kind: "file",
            size: s.size,
            problem: {
              rule: "packaging.unreadable",
              reason: `cannot read: ${(e as NodeJS.ErrnoException).code}`,
              incomplete: true,
            },
          });
        }
      } else {
        out.push({ path: r, kind: "other", size: 0 });
      }
    }
  }
  return out;
}

/** npm tarballs put everything under `package/`; archives often wrap one folder. */
function stripCommonTop(entries: Entry[]): Entry[] {
  const files = entries.filter((e) => e.kind !== "dir");
  if (files.length === 0) return entries;
  const first = files[0]?.path.split("/")[0] ?? "";
  if (!files.every((e) => e.path.includes("/") && e.path.split("/")[0] === first)) return entries;
  if (files.some((e) => /^skill\.md$|^openclaw\.plugin\.json$|^package\.json$/i.test(e.path))) return entries;
  return entries.filter((e) => e.path !== first).map((e) => ({ ...e, path: e.path.slice(first.length + 1) }));
}

function expandNested(
  entries: Entry[],
  limits: ArchiveLimits,
  depth: number,
  problems: LoadProblem[],
): Entry[] {
  const out: Entry[] = [];
  for (const e of entries) {
    out.push(e);
    if (e.kind !== "file" || !e.data || !archiveType(e.path, e.data.subarray(0, 512))) continue;
    if (
      !/\.(?:zip|tgz|gz|tar|skill|jar|whl|nupkg|7z|rar)$/i.test(e.path) &&
      e.data.readUInt32LE(0) !== 0x04034b50 &&
      !(e.data[0] === 0x1f && e.data[1] === 0x8b)
    )
      continue;
    problems.push({
      path: e.path,
      rule: "packaging.nested-archive",
      reason: "archive inside the skill",
      incomplete: false,
    });
    if (depth >= limits.maxDepth) {
      problems.push({
        path: e.path,
        rule: "packaging.archive-bomb",
        reason: `archives nested deeper than ${limits.maxDepth}`,
        incomplete: true,
      });
      continue;
    }
    const inner = readArchive(e.path, e.data, limits);
    for (const p of inner.problems) problems.push({ ...p, path: `${e.path}!/${p.path}` });
    const prefixed = inner.entries.map((x) => ({ ...x, path: `${e.path}!/${x.path}` }));
    out.push(...expandNested(prefixed, limits, depth + 1, problems));
  }
  return out;
}

const MARKER_RE = /(?:^|\/)(?:SKILL\.md|skill\.md|openclaw\.plugin\.json)$/;

function splitSkills(
  entries: Entry[],
  problems: LoadProblem[],
  display: string,
  fallbackName: string,
): LoadedSkill[] {
  const markerDirs = new Set<string>();
  for (const e of entries) {
    if (e.kind !== "file" || e.path.includes("!/") || /(?:^|\/)node_modules\//.test(e.path)) continue;
    // OpenClaw plugin packages declare themselves with an "openclaw" block in package.json.
    const pluginPackage =
      /(?:^|\/)package\.json$/.test(e.path) &&
      e.data !== undefined &&
      /"openclaw"\s*:/.test(e.data.toString("utf8"));
    if (!MARKER_RE.test(e.path) && !pluginPackage) continue;
    markerDirs.add(posix.dirname(e.path) === "." ? "" : posix.dirname(e.path));
  }
  // Outermost marker directories are the skills; nested SKILL.md files (plugin skills) belong to them.
  const roots = [...markerDirs]
    .filter((d) => ![...markerDirs].some((o) => o !== d && (o === "" || d.startsWith(`${o}/`))))
    .sort();
  if (roots.length === 0 || roots.includes(""))
    return [buildSkill(entries, problems, "", display, fallbackName)];
  const skills: LoadedSkill[] = [];
  for (const r of roots) {
    const inside = entries
      .filter((e) => e.path.startsWith(`${r}/`))
      .map((e) => ({ ...e, path: e.path.slice(r.length + 1) }));
    const probs = problems
      .filter((p) => p.path.startsWith(`${r}/`))
      .map((p) => ({ ...p, path: p.path.slice(r.length + 1) }));
    skills.push(buildSkill(inside, probs, r, joinDisplay(display, r), posix.basename(r)));
  }
  const loose = entries.filter((e) => e.kind === "file" && !roots.some((r) => e.path.startsWith(`${r}/`)));
  if (loose.length > 0)
    skills.push(
      buildSkill(
        loose,
        problems.filter((p) => !roots.some((r) => p.path.startsWith(`${r}/`))),
        "",
        display,
        `${fallbackName}${LOOSE_FILES}`,
      ),
    );
  return skills;
}

/** Name suffix of the group of files in a skills root that belong to no skill (scanned, reported when not clean). */
export const LOOSE_FILES = " (loose files)";

function joinDisplay(display: string, rel: string): string {
  if (display.endsWith("!")) return `${display}/${rel}`;
  return join(display, rel);
}

function buildSkill(
  entries: Entry[],
  problems: LoadProblem[],
  rootRel: string,
  display: string,
  fallbackName: string,
): LoadedSkill {
  const files: SkillFile[] = [];
  const probs = [...problems];
  for (const e of entries) {
    if (e.kind === "dir") continue;
    if (e.kind === "symlink") {
      const target = e.linkTarget ?? "";
      const resolved = target.startsWith("/")
        ? undefined
        : posix.normalize(posix.join(posix.dirname(e.path).replace(/!\/.*$/, ""), target));
      const escapes = resolved === undefined || resolved === ".." || resolved.startsWith("../");
      files.push({ path: e.path, size: 0, symlink: { target, escapes } });
      continue;
    }
    if (e.problem) probs.push({ path: e.path, ...e.problem });
    const f: SkillFile = { path: e.path, size: e.size };
    if (e.data) f.data = e.data;
    files.push(f);
  }
  const meta = skillIdentity(files, fallbackName);
  const skill: LoadedSkill = { name: meta.name, kind: meta.kind, root: display, files, problems: probs };
  if (meta.version) skill.version = meta.version;
  void rootRel;
  return skill;
}

function skillIdentity(
  files: SkillFile[],
  fallback: string,
): { name: string; version?: string; kind: "skill" | "plugin" } {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const text = (p: string) => byPath.get(p)?.data?.toString("utf8");
  const manifest = text("openclaw.plugin.json");
  const pkgText = text("package.json");
  let pkg: { name?: unknown; version?: unknown } | undefined;
  try {
    pkg = pkgText ? JSON.parse(pkgText) : undefined;
  } catch {}
  if (manifest !== undefined) {
    let id: string | undefined;
    try {
      const m = JSON.parse(manifest) as { id?: unknown; name?: unknown };
      id = typeof m.id === "string" ? m.id : typeof m.name === "string" ? m.name : undefined;
    } catch {}
    const r: { name: string; version?: string; kind: "plugin" } = {
      name: id ?? (typeof pkg?.name === "string" ? pkg.name : fallback),
      kind: "plugin",
    };
    if (typeof pkg?.version === "string") r.version = pkg.version;
    return r;
  }
  const md = text("SKILL.md") ?? text("skill.md");
  if (md !== undefined) {
    const fm = frontmatter(md);
    const r: { name: string; version?: string; kind: "skill" } = { name: fm.name ?? fallback, kind: "skill" };
    const v = fm.version ?? (typeof pkg?.version === "string" ? pkg.version : undefined);
    if (v) r.version = v;
    return r;
  }
  const r: { name: string; version?: string; kind: "skill" | "plugin" } = {
    name: typeof pkg?.name === "string" ? pkg.name : fallback,
    kind: pkg ? "plugin" : "skill",
  };
  if (typeof pkg?.version === "string") r.version = pkg.version;
  return r;
}

/** The few frontmatter keys the scanner needs (name, version, author); not a YAML parser. */
export function frontmatter(md: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!md.startsWith("---")) return out;
  const end = md.indexOf("\n---", 3);
  if (end === -1) return out;
  for (const line of md.slice(3, end).split("\n")) {
    const m = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (m?.[1] && m[2] !== undefined && m[2] !== "") out[m[1]] = m[2].replace(/^["']|["']$/g, "").trim();
  }
  return out;
}
