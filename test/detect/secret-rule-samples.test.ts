import { describe, expect, it } from "vitest";
import { SECRET_RULES } from "../../src/detect/secret-rules.js";
import { SECRET_RULE_SAMPLES } from "../../src/detect/secret-samples.js";
import { findSecrets, findSecretsInBytes } from "../../src/detect/secrets.js";

/** Issue 16, gitleaks' way: every secret rule carries true- and false-positive samples, checked in one table. */
const ids = SECRET_RULES.map((r) => r.id);

describe("secret rule samples", () => {
  it("every rule has samples, and every sample names a rule", () => {
    expect(
      ids.filter((id) => !SECRET_RULE_SAMPLES[id]?.tp.length || !SECRET_RULE_SAMPLES[id]?.fp.length),
    ).toEqual([]);
    expect(Object.keys(SECRET_RULE_SAMPLES).filter((id) => !ids.includes(id))).toEqual([]);
  });

  describe.each(ids)("%s", (id) => {
    const samples = SECRET_RULE_SAMPLES[id] ?? { tp: [], fp: [] };
    it.each(samples.tp)("finds the secret in %s (text and bulk byte paths)", (text) => {
      expect(findSecrets(text).map((m) => m.ruleId)).toContain(id);
      expect(findSecretsInBytes(Buffer.from(text)).map((m) => m.ruleId)).toContain(id);
    });
    it.each(samples.fp)("finds nothing for this rule in %s", (text) => {
      expect(findSecrets(text).map((m) => m.ruleId)).not.toContain(id);
      expect(findSecretsInBytes(Buffer.from(text)).map((m) => m.ruleId)).not.toContain(id);
    });
  });
});
