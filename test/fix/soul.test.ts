import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mergeSoul, soulLang, soulRulesMissing } from "../../src/fix/soul.js";
import { fullSoul, SOUL_RULE_IDS } from "../../src/templates/soul.js";

const exampleSoul = join(import.meta.dirname, "..", "..", "examples", "insecure", "workspace", "SOUL.md");

describe("SOUL.md", () => {
  it("the full template carries all six rule groups in both languages", () => {
    for (const lang of ["en", "zh"] as const) {
      expect(soulRulesMissing(fullSoul(lang))).toEqual([]);
    }
    expect(fullSoul("zh")).toContain("批量操作时,先列出将要处理的每一项的精确清单");
    expect(fullSoul("en")).toContain("exact list of every item");
  });

  it("reports exactly the groups a SOUL.md lacks", () => {
    expect(soulRulesMissing("# my soul\nBe nice.\n")).toEqual([...SOUL_RULE_IDS]);
    const partial = fullSoul("en").replace("<!-- clawwarden:soul-rule no-leaks -->", "");
    expect(soulRulesMissing(partial)).toEqual(["no-leaks"]);
  });

  it("merges into an existing SOUL.md without touching the user's text, and is idempotent", () => {
    let existing = "# SOUL.md\n\nYou are Claw, a helpful crab.\n";
    try {
      existing = readFileSync(exampleSoul, "utf8");
    } catch {
      // examples/ not produced yet: the inline text stands in for OpenClaw's default SOUL.md
    }
    const merged = mergeSoul(existing, "en");
    expect(merged.startsWith(existing)).toBe(true);
    expect(soulRulesMissing(merged)).toEqual([]);
    expect(mergeSoul(merged, "en")).toBe(merged);
    const partial = `${existing}\n${fullSoul("en").split("<!-- clawwarden:soul-rule no-leaks -->")[0]}`;
    const topped = mergeSoul(partial, "zh");
    expect(topped.startsWith(partial)).toBe(true);
    expect(topped.match(/clawwarden:soul-rule untrusted-content/g)).toHaveLength(1);
    expect(topped).toContain("### 5. 不外泄任何东西");
  });

  it("writes a whole file for an empty or missing SOUL.md", () => {
    expect(mergeSoul(null, "zh")).toBe(fullSoul("zh"));
    expect(mergeSoul("  \n", "en")).toBe(fullSoul("en"));
  });

  it("picks the language from the flag, else the locale", () => {
    expect(soulLang("zh", { LANG: "en_US.UTF-8" })).toBe("zh");
    expect(soulLang(undefined, { LANG: "zh_CN.UTF-8" })).toBe("zh");
    expect(soulLang(undefined, { LC_ALL: "en_GB.UTF-8", LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(soulLang(undefined, {})).toBe("en");
  });
});
