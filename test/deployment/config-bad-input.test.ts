import { execFileSync } from "node:child_process";
import {
  closeSync,
  copyFileSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/deployment/config.js";
import { readTextFileBounded } from "../../src/deployment/config-read.js";
import { InputError } from "../../src/util/errors.js";

const fixtures = resolve(import.meta.dirname, "..", "fixtures", "config");
const roots: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), "cw-config-"));
  roots.push(d);
  return d;
}
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** Runs loadConfig and returns the InputError it must throw. */
function inputError(path: string, env: Record<string, string> = {}): InputError {
  try {
    loadConfig(path, { env });
  } catch (err) {
    if (err instanceof InputError) return err;
    throw new Error(`expected InputError, got ${String(err)}`);
  }
  throw new Error("expected loadConfig to throw");
}

describe("loadConfig: malformed input", () => {
  it("malformed JSON5 names file:line:column", () => {
    const file = join(fixtures, "malformed", "openclaw.json5");
    const err = inputError(file);
    expect(err.location).toEqual({ file, line: 4, column: 5 });
    expect(err.format()).toMatch(
      new RegExp(`^${file}:4:5: malformed JSON5 in config file: Unexpected token`),
    );
  });

  it("malformed include file points into the include file", () => {
    const d = tmp();
    writeFileSync(join(d, "openclaw.json"), '{ "tools": { "$include": "./t.json5" } }');
    writeFileSync(join(d, "t.json5"), "{\n  profile: 'full',\n  deny: [,\n}\n");
    const err = inputError(join(d, "openclaw.json"));
    expect(err.location).toEqual({ file: join(d, "t.json5"), line: 3, column: 10 });
  });

  it("a non-object root is refused", () => {
    const d = tmp();
    writeFileSync(join(d, "openclaw.json"), "\n[1, 2]");
    expect(inputError(join(d, "openclaw.json")).location).toEqual({
      file: join(d, "openclaw.json"),
      line: 1,
      column: 1,
    });
  });

  it("absurd nesting is an InputError, never a stack overflow", () => {
    const d = tmp();
    const file = join(d, "openclaw.json");
    writeFileSync(file, `{"a":${"[".repeat(3000)}${"]".repeat(3000)}}`);
    expect(inputError(file).message).toMatch(/nested deeper than 128 levels/);
    writeFileSync(file, `{"a":${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}}`);
    expect(inputError(file).message).toMatch(/nested too deeply/);
  });

  it("an empty file is malformed", () => {
    const d = tmp();
    writeFileSync(join(d, "openclaw.json"), "");
    expect(inputError(join(d, "openclaw.json")).message).toMatch(/malformed JSON5/);
  });

  it("non-UTF-8 bytes are an error at their line and column, never replaced", () => {
    const d = tmp();
    const file = join(d, "openclaw.json");
    writeFileSync(
      file,
      Buffer.concat([Buffer.from('{\n  "a": "caf'), Buffer.from([0xe9]), Buffer.from('"\n}\n')]),
    );
    const err = inputError(file);
    expect(err.location).toEqual({ file, line: 2, column: 12 });
    expect(err.message).toMatch(/not valid UTF-8 \(byte 0xe9/);
    // overlong encoding of "/" and a UTF-16 surrogate are invalid too
    writeFileSync(file, Buffer.from([0x7b, 0xc0, 0xaf, 0x7d]));
    expect(inputError(file).location).toEqual({ file, line: 1, column: 2 });
    writeFileSync(file, Buffer.from([0x7b, 0x0a, 0xed, 0xa0, 0x80, 0x7d]));
    expect(inputError(file).location).toEqual({ file, line: 2, column: 1 });
  });

  it("a UTF-8 BOM and multi-byte text are fine", () => {
    const d = tmp();
    const file = join(d, "openclaw.json");
    writeFileSync(
      file,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{ "name": "café ☕ 𝄞" }')]),
    );
    expect(loadConfig(file, { env: {} }).value).toEqual({ name: "café ☕ 𝄞" });
  });
});

describe("loadConfig: unreadable files", () => {
  it("a directory is not a regular file", () => {
    const d = tmp();
    mkdirSync(join(d, "openclaw.json"));
    const err = inputError(join(d, "openclaw.json"));
    expect(err.message).toMatch(/config file is a directory, not a regular file/);
    expect(err.location).toEqual({ file: join(d, "openclaw.json") });
  });

  it("a FIFO is refused at once instead of blocking the read", () => {
    const d = tmp();
    const fifo = join(d, "openclaw.json");
    execFileSync("mkfifo", [fifo]);
    const t0 = performance.now();
    expect(inputError(fifo).message).toMatch(/config file is a FIFO, not a regular file/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it("a symlink loop is reported as such", () => {
    const d = tmp();
    symlinkSync(join(d, "b.json"), join(d, "openclaw.json"));
    symlinkSync(join(d, "openclaw.json"), join(d, "b.json"));
    expect(inputError(join(d, "openclaw.json")).message).toMatch(/symlink loop/);
  });

  it("a symlinked config that resolves to a file is read (OpenClaw reads it too)", () => {
    const d = tmp();
    writeFileSync(join(d, "real.json"), '{ "gateway": { "bind": "loopback" } }');
    symlinkSync(join(d, "real.json"), join(d, "openclaw.json"));
    expect(loadConfig(join(d, "openclaw.json"), { env: {} }).value).toEqual({
      gateway: { bind: "loopback" },
    });
  });

  it("a path through a regular file is an error, not 'missing'", () => {
    const d = tmp();
    writeFileSync(join(d, "file"), "x");
    expect(inputError(join(d, "file", "openclaw.json")).message).toMatch(/not a directory/);
  });

  it("a 50 MB single-line file is refused quickly without reading it", () => {
    const d = tmp();
    const file = join(d, "openclaw.json");
    const fd = openSync(file, "w");
    const chunk = Buffer.alloc(1024 * 1024, "a");
    writeSync(fd, Buffer.from('{"a":"'));
    for (let i = 0; i < 50; i++) writeSync(fd, chunk);
    writeSync(fd, Buffer.from('"}'));
    closeSync(fd);
    const before = process.memoryUsage().rss;
    const t0 = performance.now();
    const err = inputError(file);
    const ms = performance.now() - t0;
    expect(err.message).toMatch(/config file is 50\.0 MB, over the 10 MB limit/);
    expect(ms).toBeLessThan(1000);
    expect(process.memoryUsage().rss - before).toBeLessThan(20 * 1024 * 1024);
  });

  it("an include over 2 MB is refused", () => {
    const d = tmp();
    writeFileSync(join(d, "openclaw.json"), '{ "$include": "./big.json" }');
    writeFileSync(join(d, "big.json"), `{"a":"${"x".repeat(2 * 1024 * 1024)}"}`);
    const err = inputError(join(d, "openclaw.json"));
    expect(err.message).toMatch(/include file is 2\.0 MB, over the 2 MB limit/);
    expect(err.location).toEqual({ file: join(d, "openclaw.json"), line: 1, column: 15 });
  });

  it("a hard-linked include is refused like OpenClaw does", () => {
    const d = tmp();
    writeFileSync(join(d, "openclaw.json"), '{ "$include": "./a.json" }');
    writeFileSync(join(d, "a.json"), "{}");
    linkSync(join(d, "a.json"), join(d, "a-link.json"));
    expect(inputError(join(d, "openclaw.json")).message).toMatch(/hard links/);
  });

  it("a missing include is an error at the $include", () => {
    const d = tmp();
    writeFileSync(join(d, "openclaw.json"), '{\n  "tools": { "$include": ["./gone.json5"] }\n}');
    const err = inputError(join(d, "openclaw.json"));
    expect(err.message).toMatch(/include file not found: \.\/gone\.json5/);
    expect(err.location).toEqual({ file: join(d, "openclaw.json"), line: 2, column: 27 });
  });

  it("an include that is a directory or a FIFO is refused", () => {
    const d = tmp();
    writeFileSync(join(d, "openclaw.json"), '{ "$include": "./inc" }');
    mkdirSync(join(d, "inc"));
    expect(inputError(join(d, "openclaw.json")).message).toMatch(/include file is a directory/);
    rmSync(join(d, "inc"), { recursive: true });
    execFileSync("mkfifo", [join(d, "inc")]);
    expect(inputError(join(d, "openclaw.json")).message).toMatch(/include file is a FIFO/);
  });
});

describe("loadConfig: include confinement, cycles and depth", () => {
  it("an include escaping through ../ is refused with its position", () => {
    const file = join(fixtures, "escape", "openclaw.json5");
    const err = inputError(file);
    expect(err.message).toMatch(/\$include escapes the config directory: \.\.\/outside\.json5/);
    expect(err.location).toEqual({ file, line: 2, column: 24 });
  });

  it("an absolute include path outside the folder is refused", () => {
    const d = tmp();
    writeFileSync(join(d, "openclaw.json"), '{ "$include": "/etc/passwd" }');
    expect(inputError(join(d, "openclaw.json")).message).toMatch(/escapes the config directory/);
  });

  it("an include escaping through a symlink is refused after resolving it", () => {
    const d = tmp();
    const outside = tmp();
    writeFileSync(join(outside, "secret.json"), '{ "x": 1 }');
    mkdirSync(join(d, "conf"));
    writeFileSync(join(d, "conf", "openclaw.json"), '{ "$include": "./parts/secret.json" }');
    symlinkSync(outside, join(d, "conf", "parts"));
    const err = inputError(join(d, "conf", "openclaw.json"));
    expect(err.message).toMatch(/resolves outside the config directory through a symlink/);
  });

  it("OPENCLAW_INCLUDE_ROOTS allows an extra root", () => {
    const d = tmp();
    const shared = tmp();
    writeFileSync(join(shared, "common.json"), '{ "session": { "dmScope": "per-channel-peer" } }');
    writeFileSync(join(d, "openclaw.json"), `{ "$include": ${JSON.stringify(join(shared, "common.json"))} }`);
    expect(inputError(join(d, "openclaw.json")).message).toMatch(/escapes the config directory/);
    const cfg = loadConfig(join(d, "openclaw.json"), {
      env: { OPENCLAW_INCLUDE_ROOTS: `/nonexistent:${shared}` },
    });
    expect(cfg.value).toEqual({ session: { dmScope: "per-channel-peer" } });
    expect(cfg.positions["session.dmScope"]?.file).toBe(join(shared, "common.json"));
  });

  it("the descriptor check refuses a file that ends up outside the allowed dirs (symlink swapped late)", () => {
    const inside = tmp();
    const outside = tmp();
    writeFileSync(join(outside, "x.json"), "{}");
    symlinkSync(join(outside, "x.json"), join(inside, "x.json"));
    const read = () =>
      readTextFileBounded(join(inside, "x.json"), {
        maxBytes: 1024,
        label: "include file",
        confineTo: [inside],
      });
    expect(read).toThrow(/opened outside the allowed directories/);
    expect(
      readTextFileBounded(join(inside, "x.json"), { maxBytes: 1024, label: "f", confineTo: [outside] }),
    ).toEqual({
      exists: true,
      text: "{}",
    });
  });

  it("an include that is a symlink loop is reported", () => {
    const d = tmp();
    writeFileSync(join(d, "openclaw.json"), '{ "$include": "./loop.json" }');
    symlinkSync(join(d, "loop2.json"), join(d, "loop.json"));
    symlinkSync(join(d, "loop.json"), join(d, "loop2.json"));
    expect(inputError(join(d, "openclaw.json")).message).toMatch(/symlink loop/);
  });

  it("a cycle is refused and the chain is named", () => {
    const file = join(fixtures, "cycle", "openclaw.json5");
    const err = inputError(file);
    expect(err.message).toMatch(
      /circular \$include: .*openclaw\.json5 -> .*a\.json5 -> .*b\.json5 -> .*a\.json5/,
    );
    expect(err.location).toEqual({ file: join(fixtures, "cycle", "b.json5"), line: 1, column: 18 });
  });

  it("a file including itself is a cycle", () => {
    const d = tmp();
    writeFileSync(join(d, "openclaw.json"), '{ "$include": "./openclaw.json" }');
    expect(inputError(join(d, "openclaw.json")).message).toMatch(/circular \$include/);
  });

  function chain(levels: number): string {
    const d = tmp();
    writeFileSync(join(d, "openclaw.json"), '{ "a": { "$include": "./inc1.json" } }');
    for (let i = 1; i <= levels; i++) {
      const body = i < levels ? `{ "l${i}": { "$include": "./inc${i + 1}.json" } }` : '{ "leaf": true }';
      writeFileSync(join(d, `inc${i}.json`), body);
    }
    return join(d, "openclaw.json");
  }

  it("10 levels of includes are fine, the 11th is refused", () => {
    const ok = loadConfig(chain(10), { env: {} });
    expect(ok.files).toHaveLength(11);
    expect(ok.positions["a.l1.l2.l3.l4.l5.l6.l7.l8.l9.leaf"]?.file).toMatch(/inc10\.json$/);
    const err = inputError(chain(11));
    expect(err.message).toMatch(/maximum \$include depth \(10\) exceeded/);
    expect(err.location?.file).toMatch(/inc10\.json$/);
  });

  it("sibling keys beside a non-object include are refused", () => {
    const d = tmp();
    writeFileSync(join(d, "openclaw.json"), '{ "tools": { "$include": "./list.json", "x": 1 } }');
    writeFileSync(join(d, "list.json"), "[1, 2]");
    expect(inputError(join(d, "openclaw.json")).message).toMatch(/sibling keys/);
  });

  it("a non-string $include is refused", () => {
    const d = tmp();
    writeFileSync(join(d, "openclaw.json"), '{ "$include": [42] }');
    expect(inputError(join(d, "openclaw.json")).message).toMatch(/invalid \$include array item/);
  });

  it("includes inside arrays resolve relative to the including file", () => {
    const d = tmp();
    mkdirSync(join(d, "sub"));
    writeFileSync(
      join(d, "openclaw.json"),
      '{ "hooks": { "mappings": [ { "$include": "./sub/m.json" } ] } }',
    );
    writeFileSync(join(d, "sub", "m.json"), '{ "$include": "./n.json", "action": "agent" }');
    writeFileSync(join(d, "sub", "n.json"), '{ "path": "/x" }');
    copyFileSync(join(d, "sub", "n.json"), join(d, "n.json"));
    const cfg = loadConfig(join(d, "openclaw.json"), { env: {} });
    expect(cfg.value).toEqual({ hooks: { mappings: [{ path: "/x", action: "agent" }] } });
    expect(cfg.positions["hooks.mappings.0.path"]?.file).toBe(join(d, "sub", "n.json"));
  });
});

describe("oversized parse trees are refused before they are built (issue 19.8)", () => {
  it("580k keys in one file under the size cap: a clear error naming the file, not a gigabyte parse tree", () => {
    const dir = tmp();
    const parts: string[] = [];
    for (let i = 0; i < 580_000; i++) parts.push(`k${i.toString(36)}:${i % 10}`);
    const file = join(dir, "openclaw.json");
    writeFileSync(file, `{x:{${parts.join(",")}}}`);
    const err = inputError(file);
    expect(err.message).toMatch(/too large to audit: more than 100000 keys and values/);
    expect(err.location?.file).toBe(file);
  });

  it("the budget is shared with includes: many mid-sized includes add up", () => {
    const dir = tmp();
    const include = `{${Array.from({ length: 9_000 }, (_, i) => `a${i}:1`).join(",")}}`;
    const names = Array.from({ length: 12 }, (_, i) => `part${i}.json5`);
    for (const n of names) writeFileSync(join(dir, n), include);
    writeFileSync(join(dir, "openclaw.json"), JSON.stringify({ $include: names.map((n) => `./${n}`) }));
    expect(inputError(join(dir, "openclaw.json")).message).toMatch(/include file is too large to audit/);
  });

  it("separators inside strings and comments do not count toward the budget", async () => {
    const { prescanJson5 } = await import("../../src/deployment/config-tree.js");
    expect(prescanJson5(`{a: "x,y:[{", // c,o:m{\n b: 'q\\',:', /* ,,,:: */ c: [1, 2]}`).tokens).toBe(6);
  });
});

describe("JSON5 the way OpenClaw's json5 package reads it (issue 19.8)", () => {
  it.each([
    ["a raw line break inside a string", '{\n  "a": "x\ny"\n}', 2, /raw line break inside a string/],
    ["a raw carriage return inside a string", '{"a": "x\ry"}', 1, /raw line break/],
    ["a legacy octal escape", "{\n\n  a: 'x\\01'}", 3, /octal escape/],
    ["a trailing NUL", '{"a": 1}\0', 1, /malformed JSON5/],
  ])("%s is refused with file and line", (_what, text, line, message) => {
    const dir = tmp();
    const file = join(dir, "openclaw.json");
    writeFileSync(file, text);
    const err = inputError(file);
    expect(err.message).toMatch(message);
    expect(err.location).toMatchObject({ file, line });
  });

  it("what json5 accepts still parses: escaped line continuations, \\0, U+2028, tabs, single quotes", () => {
    const dir = tmp();
    const file = join(dir, "openclaw.json");
    writeFileSync(file, `{a: "x\\\ny", b: '\\0', c: "p\u2028q", d: "t\tu"}`);
    expect(loadConfig(file, { env: {} }).value).toEqual({ a: "xy", b: "\0", c: "p\u2028q", d: "t\tu" });
  });
});
