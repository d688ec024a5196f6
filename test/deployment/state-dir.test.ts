import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { transformSync } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { detectLayout, inventoryStateDir } from "../../src/deployment/state-dir.js";

const base = mkdtempSync(join(tmpdir(), "cw-statedir-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const root = join(base, name);
  for (const [rel, body] of Object.entries(files)) {
    mkdirSync(join(root, rel, ".."), { recursive: true });
    writeFileSync(join(root, rel), body);
  }
  return root;
}

describe("inventoryStateDir", () => {
  it("records modes, sizes and owners with lstat and detects the file-era layout", () => {
    const root = tree("file-era", {
      "openclaw.json": "{}",
      "credentials/telegram-pairing.json": "{}",
      "agents/main/agent/auth-profiles.json": '{"profiles":{}}',
      "agents/main/sessions/abc.jsonl": "{}\n",
    });
    chmodSync(root, 0o755);
    chmodSync(join(root, "openclaw.json"), 0o644);
    const inv = inventoryStateDir(root);
    expect(inv.exists).toBe(true);
    expect(inv.layout).toBe("file");
    const cfg = inv.entries.find((e) => e.path === "openclaw.json");
    expect(cfg).toMatchObject({ kind: "file", mode: 0o644, size: 2, uid: process.getuid?.() });
    expect(inv.entries.find((e) => e.path === "")).toMatchObject({ kind: "dir", mode: 0o755 });
    expect(inv.entries.map((e) => e.path)).toContain("agents/main/sessions/abc.jsonl");
    expect(inv.truncated).toBe(false);
  });

  it("detects the SQLite era and a mixed state dir", () => {
    const sqlite = tree("sqlite-era", {
      "state/openclaw.sqlite": "x",
      "state/openclaw.sqlite-wal": "x",
      "agents/main/agent/openclaw-agent.sqlite": "x",
    });
    expect(inventoryStateDir(sqlite).layout).toBe("sqlite");
    const mixed = tree("mixed", { "state/openclaw.sqlite": "x", "exec-approvals.json": "{}" });
    expect(inventoryStateDir(mixed).layout).toBe("mixed");
    expect(inventoryStateDir(tree("only-config", { "openclaw.json": "{}" })).layout).toBe("empty");
    expect(detectLayout(["agents/a/sessions/x.json"])).toBe("empty");
  });

  it("records symlinks with their raw target and never follows them out of the root or into loops", () => {
    const outside = tree("outside", { "secret.json": '{"token":"x"}', "deep/a.txt": "a" });
    const root = tree("links", { "credentials/real.json": "{}" });
    symlinkSync(outside, join(root, "escape"));
    symlinkSync("credentials/real.json", join(root, "inside.json"));
    symlinkSync("../links", join(root, "credentials", "loop"));
    symlinkSync("loopb", join(root, "loopa"));
    symlinkSync("loopa", join(root, "loopb"));
    symlinkSync("missing", join(root, "dangling"));
    const inv = inventoryStateDir(root);
    const byPath = new Map(inv.entries.map((e) => [e.path, e]));
    expect(byPath.get("escape")).toMatchObject({
      kind: "symlink",
      linkTarget: outside,
      linkInsideRoot: false,
    });
    expect(byPath.get("inside.json")).toMatchObject({ kind: "symlink", linkInsideRoot: true });
    expect(byPath.get("credentials/loop")).toMatchObject({ kind: "symlink", linkTarget: "../links" });
    expect(byPath.get("loopa")?.kind).toBe("symlink");
    expect(byPath.get("dangling")).toMatchObject({
      kind: "symlink",
      linkTarget: "missing",
      linkInsideRoot: true,
    });
    expect([...byPath.keys()].some((p) => p.startsWith("escape/") || p.includes("deep"))).toBe(false);
    expect([...byPath.keys()].some((p) => p.startsWith("credentials/loop/"))).toBe(false);
  });

  it("follows a symlinked root once, like OpenClaw does", () => {
    const real = tree("real-root", { "state/openclaw.sqlite": "x" });
    const link = join(base, "root-link");
    symlinkSync(real, link);
    const inv = inventoryStateDir(link);
    expect(inv.root).toBe(link);
    expect(inv.entries[0]).toMatchObject({ path: "", kind: "dir", linkTarget: real });
    expect(inv.layout).toBe("sqlite");
  });

  it("reports a missing root as not existing", () => {
    const inv = inventoryStateDir(join(base, "nope"));
    expect(inv).toMatchObject({ exists: false, layout: "empty", entries: [], unreadable: [] });
  });

  it("skips node_modules and caps entries, keeping credentials and agents before bulk trees", () => {
    const files: Record<string, string> = {
      "credentials/oauth.json": "{}",
      "agents/main/agent/openclaw-agent.sqlite": "x",
      "workspace/node_modules/pkg/index.js": "",
    };
    for (let i = 0; i < 300; i++) files[`workspace/notes/n${i}.md`] = "n";
    const root = tree("big", files);
    const full = inventoryStateDir(root);
    expect(full.entries.some((e) => e.path === "workspace/node_modules")).toBe(true);
    expect(full.entries.some((e) => e.path.startsWith("workspace/node_modules/"))).toBe(false);
    const capped = inventoryStateDir(root, { maxEntries: 50 });
    expect(capped.truncated).toBe(true);
    expect(capped.entries).toHaveLength(50);
    const paths = capped.entries.map((e) => e.path);
    expect(paths).toContain("credentials/oauth.json");
    expect(paths).toContain("agents/main/agent/openclaw-agent.sqlite");
    expect(capped.layout).toBe("mixed");
  });

  it("lists entries an unprivileged reader cannot open as unreadable with the reason", () => {
    // Root reads everything, so the walk runs as `nobody` in a child process.
    const root = tree("perm", { "credentials/a.json": "{}", "open/b.json": "{}" });
    chmodSync(base, 0o755);
    chmodSync(root, 0o755);
    chmodSync(join(root, "open"), 0o755);
    chmodSync(join(root, "credentials"), 0o700);
    // state-dir.ts only imports node builtins (and types), so its esbuild output runs on its own.
    const src = readFileSync(join(import.meta.dirname, "../../src/deployment/state-dir.ts"), "utf8");
    const mod = join(base, "state-dir.mjs");
    writeFileSync(mod, transformSync(src, { loader: "ts", format: "esm" }).code);
    chmodSync(mod, 0o644);
    const script = `import { inventoryStateDir } from ${JSON.stringify(mod)};
      process.stdout.write(JSON.stringify(inventoryStateDir(process.argv[1])));`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script, root], {
      uid: 65534,
      gid: 65534,
      encoding: "utf8",
      cwd: tmpdir(),
    });
    const inv = JSON.parse(out);
    expect(inv.unreadable).toEqual([{ path: "credentials", reason: expect.stringMatching(/^EACCES/) }]);
    expect(inv.entries.map((e: { path: string }) => e.path)).toContain("open/b.json");
  });
});
