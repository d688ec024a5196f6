import { beforeAll, describe, expect, it } from "vitest";
import { analyzeJs, analyzePython } from "../../src/detect/code.js";
import { detectHiddenText, detectInjection } from "../../src/detect/injection.js";
import { decodeBlobs, detectObfuscation } from "../../src/detect/obfuscation.js";
import { analyzeShell } from "../../src/detect/shell.js";
import { loadParsers } from "../../src/detect/treesitter.js";
import { detectUrls } from "../../src/detect/urls.js";
import { redactExcerpt } from "../../src/skills/redact.js";

beforeAll(async () => {
  await loadParsers();
});

// Long crafted lines that make backtracking regexes explode (near-misses of every pattern family).
const crafted: Array<[string, string]> = [
  ["ignore-without-noun", `ignore ${"previous ".repeat(20_000)}`],
  ["paste-no-terminal", `paste ${"this ".repeat(20_000)}`],
  ["send-no-secret", `send ${"a ".repeat(50_000)}`],
  ["zh-override", `忽略${"之前".repeat(30_000)}`],
  ["url-chars", `http://${"a".repeat(100_000)}`],
  ["base64ish", `${"A".repeat(200_000)}!`],
  ["hex-escapes", `${"\\x41".repeat(50_000)}\\x4`],
  ["char-codes", `fromCharCode(${"65,".repeat(50_000)}`],
  ["html-comment-open", `<!--${"-".repeat(100_000)}`],
  ["spaces", `${" ".repeat(200_000)}x`],
  ["newlines", `${"\n".repeat(200_000)}`],
  ["quotes", `"${"a".repeat(3999)}`.repeat(50)],
  ["credential-verbs", `read ${"~/.s".repeat(30_000)}`],
  ["markdown-image", `![${"a".repeat(90)}](https://x.invalid/${"?a=".repeat(30_000)}`],
  ["remote-instructions", `fetch https://${"a".repeat(150)} ${"and follow ".repeat(20_000)}`],
  ["md-comment", `[//]: # (${"(".repeat(100_000)}`],
  ["persistence-request", `add ${"to the ".repeat(30_000)}`],
  ["forget-lookbehind", `${". forget ".repeat(30_000)}`],
];

describe("detectors stay linear on adversarial input", () => {
  it.each(crafted)("%s", (_name, text) => {
    const t0 = performance.now();
    detectInjection(text);
    detectHiddenText(text);
    detectUrls(text);
    decodeBlobs(text);
    detectObfuscation(text);
    redactExcerpt(text);
    const elapsed = performance.now() - t0;
    // Linear passes over ~200 KB take milliseconds; catastrophic backtracking takes minutes.
    expect(elapsed).toBeLessThan(5_000);
  });

  it("parsers handle a 1 MB single-line script", () => {
    const line = `x=1;${"echo a | cat;".repeat(70_000)}`;
    const t0 = performance.now();
    analyzeShell(line);
    analyzeJs(`var a=[${"1,".repeat(300_000)}1];`);
    analyzePython(`a = [${"1, ".repeat(300_000)}1]`);
    expect(performance.now() - t0).toBeLessThan(30_000);
  });
});
