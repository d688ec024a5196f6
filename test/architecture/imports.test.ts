import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The import graph of src/ (issue 16): every arrow runs down the layers below, and nothing forms a cycle. Type-only
 * imports count too: a type cycle is how catalog/ and deployment/ grew into each other before.
 */
const src = resolve(import.meta.dirname, "..", "..", "src");

/** Lower number = lower layer. A module may import its own folder or a folder of a strictly lower layer. */
const LAYERS: Record<string, number> = {
  model: 0,
  util: 1,
  detect: 2,
  templates: 2,
  events: 3,
  deployment: 3,
  skills: 4,
  audit: 5,
  catalog: 5,
  report: 6,
  fix: 7,
  guard: 7,
  backup: 7,
  watch: 8,
  cli: 9,
  index: 10,
};

/**
 * Cycles inside one folder that are mutual recursion by design, with the reason. Nothing else may cycle.
 * detect/shell ↔ detect/code: a shell script hands `python -c` / `node -e` code to the JS and Python analysers,
 * and those hand `sh -c` / `execSync(...)` strings back to the shell analyser.
 */
const ALLOWED_CYCLES = [["detect/code.ts", "detect/shell.ts"]];

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (lstatSync(p).isDirectory()) sourceFiles(p, out);
    else if (p.endsWith(".ts")) out.push(p);
  }
  return out;
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+"(\.{1,2}\/[^"]+)"|import\(\s*"(\.{1,2}\/[^"]+)"\s*\)/g;

function graph(): Map<string, Set<string>> {
  const g = new Map<string, Set<string>>();
  for (const file of sourceFiles(src)) {
    const deps = new Set<string>();
    for (const m of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const spec = (m[1] ?? m[2]) as string;
      deps.add(relative(src, resolve(dirname(file), spec.replace(/\.js$/, ".ts"))));
    }
    g.set(relative(src, file), deps);
  }
  return g;
}

const layerOf = (module: string) => module.split("/")[0]?.replace(/\.ts$/, "") as string;

/** Strongly connected components with more than one module (Tarjan). */
function cycles(g: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of g.get(v) ?? []) {
      if (!g.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) found.push(scc.sort());
    }
  };
  for (const v of g.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe("src/ import graph", () => {
  const g = graph();

  it("knows every top-level folder's layer", () => {
    const folders = new Set([...g.keys()].map(layerOf));
    expect([...folders].filter((f) => LAYERS[f] === undefined)).toEqual([]);
  });

  it("only imports downward (or within its own folder)", () => {
    const upward: string[] = [];
    for (const [from, deps] of g)
      for (const to of deps) {
        const a = layerOf(from);
        const b = layerOf(to);
        if (a !== b && (LAYERS[b] as number) >= (LAYERS[a] as number)) upward.push(`${from} -> ${to}`);
      }
    expect(upward).toEqual([]);
  });

  it("model/ imports nothing from the project", () => {
    const model = [...g].filter(([f]) => layerOf(f) === "model");
    expect(
      model.flatMap(([f, deps]) =>
        [...deps].filter((d) => layerOf(d) !== "model").map((d) => `${f} -> ${d}`),
      ),
    ).toEqual([]);
  });

  it("has no cycles but the documented mutual recursion", () => {
    expect(cycles(g)).toEqual(ALLOWED_CYCLES);
  });

  it("the guard plugin entry reaches neither the CLI nor the fix code, even indirectly", () => {
    const seen = new Set<string>();
    const walk = (m: string) => {
      if (seen.has(m)) return;
      seen.add(m);
      for (const d of g.get(m) ?? []) walk(d);
    };
    walk("guard/plugin.ts");
    expect([...seen].filter((m) => ["cli", "fix", "watch", "audit"].includes(layerOf(m)))).toEqual([]);
  });

  it("would catch an upward arrow (the checker itself works)", () => {
    const bad = new Map(g);
    bad.set("util/errors.ts", new Set([...(g.get("util/errors.ts") ?? []), "catalog/types.ts"]));
    const a = layerOf("util/errors.ts");
    const b = layerOf("catalog/types.ts");
    expect((LAYERS[b] as number) >= (LAYERS[a] as number)).toBe(true);
    bad.set("catalog/types.ts", new Set(["util/errors.ts"]));
    expect(cycles(bad)).toContainEqual(["catalog/types.ts", "util/errors.ts"]);
  });
});

describe("catalog shape (issue 16)", () => {
  const catalogDir = join(src, "catalog");

  it("every guide item has its own module under catalog/items/, named by its id", async () => {
    const { catalog } = await import("../../src/catalog/index.js");
    const modules = readdirSync(join(catalogDir, "items"));
    for (const item of catalog) {
      const prefix = `${item.id.replace("-", "").toLowerCase()}-`;
      const mine = modules.filter((m) => m.startsWith(prefix));
      expect(mine, item.id).toHaveLength(1);
      const mod = (await import(join(catalogDir, "items", mine[0] as string))) as Record<string, unknown>;
      expect((mod[item.id.replace("-", "").toLowerCase()] as { id: string }).id).toBe(item.id);
    }
    expect(modules).toHaveLength(catalog.length);
  });

  it("no catalog file is over 300 lines", () => {
    const long = sourceFiles(catalogDir)
      .map((f) => [relative(src, f), readFileSync(f, "utf8").split("\n").length] as const)
      .filter(([, n]) => n > 300);
    expect(long).toEqual([]);
  });
});
