#!/usr/bin/env node
// Scanner throughput: skills/s and MB/s over a generated population of typical skills (plus the real
// bundled OpenClaw skills/plugins when installed). Prints numbers; not a test.
// usage: npm run bench:skills [-- --skills 1000]
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { scanTarget } from "../dist/skills/scan.js";

const { values } = parseArgs({ options: { skills: { type: "string", default: "1000" } } });
const count = Number(values.skills);
const dir = mkdtempSync(join(tmpdir(), "cw-bench-skills-"));

const para = (i) =>
  `This skill helps the agent work with service ${i}. It reads the user's request, calls the ${i} API with the configured key from the gateway environment, and summarises the answer in a short reply. Keep answers factual and cite the source URL https://docs.example.com/service-${i}.\n`;

function typicalSkill(i) {
  const d = join(dir, `skill-${i}`);
  mkdirSync(join(d, "scripts"), { recursive: true });
  const md = [
    `---\nname: skill-${i}\ndescription: Typical generated skill number ${i}.\nversion: 1.${i % 10}.0\n---\n`,
    `# Skill ${i}\n`,
    para(i).repeat(6),
    "## Usage\n\n```bash\n",
    `curl -s "https://api.example.com/v1/items?id=${i}" -H "Authorization: Bearer $EXAMPLE_API_KEY" | jq '.items[] | .name'\n`,
    "git status --short\nnpm run build\n```\n\n",
    "Inline: run `scripts/run.sh --limit 20` or `python3 scripts/helper.py`.\n",
    para(i + 1).repeat(4),
  ].join("");
  writeFileSync(join(d, "SKILL.md"), md);
  writeFileSync(
    join(d, "scripts", "run.sh"),
    `#!/usr/bin/env bash\nset -euo pipefail\nlimit="\${1:-10}"\nfor f in $(ls -1 data | head -n "$limit"); do\n  echo "processing $f"\n  wc -l "data/$f"\ndone\ncurl -fsS "https://api.example.com/v1/ping" >/dev/null\n`.repeat(
      3,
    ),
  );
  writeFileSync(
    join(d, "scripts", "helper.py"),
    `import json, os, sys, urllib.request\n\ndef fetch(item):\n    key = os.environ.get("EXAMPLE_API_KEY")\n    req = urllib.request.Request(f"https://api.example.com/v1/items/{item}", headers={"Authorization": f"Bearer {key}"})\n    with urllib.request.urlopen(req) as r:\n        return json.load(r)\n\nif __name__ == "__main__":\n    for a in sys.argv[1:]:\n        print(json.dumps(fetch(a), indent=2))\n`.repeat(
      2,
    ),
  );
  writeFileSync(
    join(d, "scripts", "index.mjs"),
    `import { readFile } from "node:fs/promises";\nexport async function summarise(path) {\n  const text = await readFile(path, "utf8");\n  const res = await fetch("https://api.example.com/v1/summarise", { method: "POST", body: JSON.stringify({ text }) });\n  return (await res.json()).summary;\n}\n`.repeat(
      4,
    ),
  );
}

for (let i = 0; i < count; i++) typicalSkill(i);

async function measure(label, root) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const reports = await scanTarget(root);
  const s = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  const bytes = reports.reduce((a, r) => a + r.stats.bytes, 0);
  const verdicts = {};
  for (const r of reports) verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
  process.stdout.write(
    `${label}: ${reports.length} skills, ${(bytes / 1e6).toFixed(1)} MB in ${s.toFixed(2)} s wall (${cpu.toFixed(2)} s CPU) → ${(reports.length / s).toFixed(0)} skills/s, ${(bytes / 1e6 / s).toFixed(2)} MB/s wall; ${(reports.length / cpu).toFixed(0)} skills/s, ${(bytes / 1e6 / cpu).toFixed(2)} MB/s per CPU-second  ${JSON.stringify(verdicts)}\n`,
  );
}

process.stdout.write(`node ${process.version}, ${cpus().length} CPU(s), single-threaded scanner\n`);
await scanTarget(join(dir, "skill-0")); // warm-up: loads the wasm parsers once
await measure("typical generated skills", dir);
const bundled = join(import.meta.dirname, "..", ".cache", "openclaw-2026.9.6", "node_modules", "openclaw");
if (existsSync(bundled)) {
  await measure("bundled OpenClaw skills", join(bundled, "skills"));
  await measure("bundled OpenClaw plugins (dist/extensions)", join(bundled, "dist", "extensions"));
}
rmSync(dir, { recursive: true, force: true });
