import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Guard } from "../../src/guard/engine.js";
import { scanForInstall } from "../../src/guard/install-scan.js";
import { loadPolicy } from "../../src/guard/policy.js";

const corpus = join(import.meta.dirname, "..", "fixtures", "skills", "corpus");

/** before_install runs the real skill scanner on what OpenClaw is about to install (K-01/K-04). */
describe("guard: before_install", () => {
  const guard = new Guard({ policy: loadPolicy({}), scanInstall: scanForInstall });
  const install = (dir: string) =>
    guard.handle(
      "before_install",
      {
        targetType: "skill",
        targetName: dir,
        sourcePath: join(corpus, dir),
        request: { kind: "skill-install", mode: "install" },
        builtinScan: {},
      },
      {},
    );

  it.each(["clickfix-paste", "exfil-env-webhook", "cred-ssh-aws"])(
    "refuses the malicious skill %s, with the scanner's findings",
    async (dir) => {
      const r = (await install(dir)) as { block?: boolean; blockReason?: string; findings?: unknown[] };
      expect(r?.block, JSON.stringify(r)).toBe(true);
      expect(r.blockReason).toMatch(/suspicious|malicious/);
      expect(r.findings?.length).toBeGreaterThan(0);
    },
  );

  it.each(["benign-weather", "benign-git-helper"])("lets the honest skill %s through", async (dir) => {
    const r = (await install(dir)) as { block?: boolean } | undefined;
    expect(r?.block).not.toBe(true);
  });

  it("a source that cannot be read is refused (fail-closed)", async () => {
    const r = (await install("no-such-skill")) as { block?: boolean };
    expect(r.block).toBe(true);
  });
});
