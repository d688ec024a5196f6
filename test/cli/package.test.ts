import { execFile } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "..", "..");

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(cmd, args, { cwd: repo, encoding: "utf8", timeout: 120_000 }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** What `npm pack` ships and what `import("clawwarden")` gives (the build runs before the tests). */
describe("the npm package", () => {
  it("packs the CLI, the library, the plugin manifest and data — no source maps, tests or example state", async () => {
    const r = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"]);
    expect(r.code, r.stderr).toBe(0);
    const files =
      (JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>)[0]?.files.map((f) => f.path) ?? [];
    for (const f of [
      "dist/cli/main.js",
      "dist/index.js",
      "dist/index.d.ts",
      "dist/guard/plugin.js",
      "openclaw.plugin.json",
    ])
      expect(files, f).toContain(f);
    expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
    expect(files.filter((f) => /^(test|examples|src)\//.test(f))).toEqual([]);
  });

  it("resolves `clawwarden` and `clawwarden/plugin` through its exports", async () => {
    const r = await run(process.execPath, [
      "--input-type=module",
      "-e",
      "const m = await import('clawwarden'); const p = await import('clawwarden/plugin'); console.log(JSON.stringify({ lib: Object.keys(m), plugin: typeof p.default }))",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { lib: string[]; plugin: string };
    expect(out.lib).toEqual(
      expect.arrayContaining(["collectSnapshot", "runCatalog", "buildReport", "scanTarget"]),
    );
    expect(out.plugin).toBe("object");
  });
});
