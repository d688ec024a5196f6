import { lstatSync, realpathSync } from "node:fs";
import { join } from "node:path";
import {
  type Fact,
  known,
  type LoadedConfig,
  type Locator,
  notKnown,
  type Workspace,
} from "../model/snapshot.js";
import { InputError } from "../util/errors.js";
import { isPathInside } from "./config-include.js";
import { readTextFileBounded } from "./config-read.js";
import { expandUserPath } from "./locate.js";

export const MAX_SOUL_MD_BYTES = 1024 * 1024;
const DEFAULT_AGENT_ID = "main";
const VALID_AGENT_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/i;

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === "object" && v !== null && !Array.isArray(v);
const trimmed = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() ? v.trim().replaceAll("\0", "") : undefined;

/** OpenClaw's normalizeAgentId: lower-case, invalid characters → "-", empty → "main". */
export function normalizeAgentId(raw: unknown): string {
  const value = typeof raw === "string" ? raw.trim() : "";
  if (VALID_AGENT_ID.test(value)) return value.toLowerCase();
  const id = value
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^-+/, "")
    .replace(/-+$/, "")
    .slice(0, 64);
  return id || DEFAULT_AGENT_ID;
}

interface Entry {
  id: string;
  config: Rec;
  keyPath: string;
}

/** The agent roster: `agents.entries.<id>` (9.6), else legacy `agents.list[]`, else the implicit `main`. */
function rosterOf(cfg: Rec): { entries: Entry[]; hasRoster: boolean } {
  const agents = isRec(cfg.agents) ? cfg.agents : undefined;
  if (agents && agents.entries !== undefined) {
    const entries: Entry[] = [];
    if (isRec(agents.entries)) {
      for (const [key, value] of Object.entries(agents.entries)) {
        if (isRec(value))
          entries.push({ id: normalizeAgentId(key), config: value, keyPath: `agents.entries.${key}` });
      }
    }
    return { entries, hasRoster: true };
  }
  if (agents && agents.list !== undefined) {
    const entries: Entry[] = [];
    if (Array.isArray(agents.list)) {
      agents.list.forEach((value, i) => {
        if (isRec(value))
          entries.push({ id: normalizeAgentId(value.id), config: value, keyPath: `agents.list.${i}` });
      });
    }
    return { entries, hasRoster: true };
  }
  return { entries: [], hasRoster: false };
}

/** OpenClaw's legacy data owner: the one `default: true` entry, else the sole agent, else none. */
function inheritingAgent(cfg: Rec, entries: Entry[], hasRoster: boolean): string | undefined {
  const agents = isRec(cfg.agents) ? cfg.agents : {};
  if (agents.ownership !== "explicit") {
    const marked = entries.filter((e) => e.config.default === true);
    if (marked.length === 1) return marked[0]?.id;
  }
  if (entries.length === 0) return hasRoster ? undefined : DEFAULT_AGENT_ID;
  return entries.length === 1 ? entries[0]?.id : undefined;
}

/** OpenClaw's resolveDefaultAgentWorkspaceDir, with our locator standing in for the process env. */
function defaultWorkspaceDir(locator: Locator, env: Record<string, string | undefined>): string {
  const fromEnv = trimmed(env.OPENCLAW_WORKSPACE_DIR);
  if (fromEnv) return expandUserPath(fromEnv, locator.home);
  const stateDirChosen = locator.stateDirSource !== "default" && locator.stateDirSource !== "legacy";
  if (stateDirChosen) return join(locator.stateDir, "workspace");
  const profile = locator.profile?.trim();
  if (profile && profile.toLowerCase() !== "default")
    return join(locator.home, `.openclaw-${profile}`, "workspace");
  return join(locator.home, ".openclaw", "workspace");
}

/**
 * Every agent's workspace as OpenClaw 9.6 resolves it (`resolveAgentWorkspaceDir`): the entry's own
 * `workspace`; for the inheriting agent (the sole or `default: true` one) `agents.defaults.workspace`
 * or the default workspace; for the others `<agents.defaults.workspace>/<id>` or
 * `<stateDir>/workspace-<id>`. `~` expands with the locator's home. SOUL.md is read, bounded.
 */
export function collectWorkspaces(
  locator: Locator,
  config: LoadedConfig,
  env: Record<string, string | undefined> = {},
): Workspace[] {
  const cfg = config.value;
  const { entries, hasRoster } = rosterOf(cfg);
  const roster = hasRoster ? entries : [{ id: DEFAULT_AGENT_ID, config: {}, keyPath: "" }];
  const owner = inheritingAgent(cfg, entries, hasRoster);
  const defaults = isRec(cfg.agents) && isRec(cfg.agents.defaults) ? cfg.agents.defaults : {};
  const fallback = trimmed(defaults.workspace);
  const seen = new Set<string>();
  const out: Workspace[] = [];
  for (const entry of roster) {
    if (seen.has(entry.id)) continue;
    seen.add(entry.id);
    const own = trimmed(entry.config.workspace);
    let path: string;
    let keyPath: string | undefined;
    if (own) {
      path = expandUserPath(own, locator.home);
      keyPath = `${entry.keyPath}.workspace`;
    } else if (entry.id === owner) {
      path = fallback ? expandUserPath(fallback, locator.home) : defaultWorkspaceDir(locator, env);
      if (fallback) keyPath = "agents.defaults.workspace";
    } else if (fallback) {
      path = join(expandUserPath(fallback, locator.home), entry.id);
      keyPath = "agents.defaults.workspace";
    } else {
      path = join(locator.stateDir, `workspace-${entry.id}`);
    }
    const ws: Workspace = { agentId: entry.id, path, soulMd: readSoulMd(path) };
    if (keyPath) ws.keyPath = keyPath;
    out.push(ws);
  }
  return out;
}

/**
 * SOUL.md of a workspace: its text, `null` when the workspace or the file does not exist, unknown (with
 * the reason) when it cannot be read safely: over 1 MB, not a regular file, not UTF-8, or a symlink
 * leading out of the workspace (an agent-writable link must not make us read other files).
 */
export function readSoulMd(workspace: string): Fact<string | null> {
  const file = join(workspace, "SOUL.md");
  try {
    const st = lstatSync(file);
    if (st.isSymbolicLink()) {
      const real = realpathSync(file);
      const root = realpathSync(workspace);
      if (!isPathInside(root, real))
        return notKnown(`SOUL.md is a symlink to ${real}, outside the workspace`);
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return known(null);
    return notKnown(`SOUL.md cannot be read: ${code ?? String(err)}`);
  }
  try {
    const read = readTextFileBounded(file, { maxBytes: MAX_SOUL_MD_BYTES, label: "SOUL.md" });
    return read.exists ? known(read.text) : known(null);
  } catch (err) {
    if (err instanceof InputError) return notKnown(err.format());
    throw err;
  }
}
