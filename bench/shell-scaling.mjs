#!/usr/bin/env node
// Bench: scan time of one skill whose shell script grows (comment lines, ':' lines), to show it stays linear.
//   node bench/shell-scaling.mjs        (npm run bench:skills runs it too)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const { scanTarget } = await import(join(root, "dist", "skills", "scan.js"));
const work = mkdtempSync(join(tmpdir(), "cw-bench-shell-"));
try {
  console.log("| lines | comment lines s | ':' lines s |\n|---|---|---|");
  for (const n of [20_000, 40_000, 80_000, 160_000]) {
    const row = [];
    for (const line of ["# a comment line\n", ":\n"]) {
      const dir = join(work, `s${n}-${line.length}`);
      mkdirSync(dir);
      writeFileSync(join(dir, "SKILL.md"), "---\nname: scaling\ndescription: bench\n---\n# bench\n");
      writeFileSync(join(dir, "run.sh"), `#!/bin/sh\n${line.repeat(n)}echo done\n`);
      const t = performance.now();
      await scanTarget(dir);
      row.push(((performance.now() - t) / 1000).toFixed(2));
    }
    console.log(`| ${n} | ${row[0]} | ${row[1]} |`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
