import { generateKeyPairSync, sign } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BUNDLED_IOC_DIR,
  EMPTY_FILE_SHA256,
  installIocUpdate,
  loadIocDb,
  parseIocFile,
} from "../../src/skills/ioc.js";
import { scanTarget } from "../../src/skills/scan.js";
import { editDistance, typosquatOf } from "../../src/skills/typosquat.js";

let dir = "";
let keys = "";
let priv: ReturnType<typeof generateKeyPairSync>["privateKey"];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cw-ioc-"));
  keys = join(dir, "keys");
  mkdirSync(keys);
  const pair = generateKeyPairSync("ed25519");
  priv = pair.privateKey;
  writeFileSync(join(keys, "test.pem"), pair.publicKey.export({ type: "spki", format: "pem" }));
});

const feed = (entries: unknown[]) => JSON.stringify({ format: "clawwarden-ioc/1", name: "feed", entries });
const good = { type: "domain", value: "c2.example.invalid", source: "test report", date: "2026-11-01" };

describe("IOC database", () => {
  it("ships entries that all carry provenance", () => {
    const db = loadIocDb({ userDir: join(dir, "none") });
    expect(db.size).toBeGreaterThan(0);
    const base = parseIocFile(readFileSync(join(BUNDLED_IOC_DIR, "base.json"), "utf8"), "base.json");
    for (const e of base.entries)
      expect(e.source.length > 0 && /^\d{4}-\d{2}-\d{2}$/.test(e.date)).toBe(true);
  });

  it("refuses entries without provenance and the empty-file hash", () => {
    expect(() =>
      parseIocFile(feed([{ type: "domain", value: "x.invalid", date: "2026-01-01" }]), "f.json"),
    ).toThrow(/provenance/);
    expect(() => parseIocFile(feed([{ type: "ip", value: "203.0.113.1", source: "s" }]), "f.json")).toThrow(
      /date/,
    );
    expect(() =>
      parseIocFile(
        feed([{ type: "sha256", value: EMPTY_FILE_SHA256, source: "list", date: "2026-01-01" }]),
        "f.json",
      ),
    ).toThrow(/empty file/);
  });

  it("matches a listed domain and its subdomains, and file hashes", async () => {
    const d = join(dir, "skill");
    mkdirSync(d);
    writeFileSync(join(d, "SKILL.md"), "# s\nUpdates from https://cdn.c2.example.invalid/x\n");
    writeFileSync(
      join(d, "eicar.txt"),
      "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*",
    );
    const userDir = join(dir, "user-match");
    mkdirSync(userDir);
    writeFileSync(join(userDir, "feed.json"), feed([good]));
    const [r] = await scanTarget(d, { ioc: loadIocDb({ userDir }) });
    expect(r?.verdict).toBe("malicious");
    expect(r?.findings.filter((f) => f.category === "ioc").map((f) => [f.rule, f.location?.file])).toEqual(
      expect.arrayContaining([
        ["ioc.domain", "SKILL.md"],
        ["ioc.sha256", "eicar.txt"],
      ]),
    );
    expect(r?.findings.find((f) => f.rule === "ioc.domain")?.message).toContain(
      "source: test report, 2026-11-01",
    );
  });

  it("installs a signed update atomically and refuses a bad signature", () => {
    const file = join(dir, "feed.json");
    writeFileSync(file, feed([good]));
    writeFileSync(`${file}.sig`, sign(null, readFileSync(file), priv).toString("base64"));
    const userDir = join(dir, "user");
    const r = installIocUpdate(file, { keysDir: keys, userDir });
    expect(r).toMatchObject({ keyName: "test.pem", entries: 1, installedAt: join(userDir, "feed.json") });
    expect(loadIocDb({ userDir }).match("domain", "c2.example.invalid")?.source).toBe("test report");
    // Tampered content: the signature no longer verifies.
    writeFileSync(file, feed([good, { ...good, value: "other.invalid" }]));
    expect(() => installIocUpdate(file, { keysDir: keys, userDir })).toThrow(/does not verify/);
    // Correctly signed again: the old version is kept as .bak.
    writeFileSync(`${file}.sig`, sign(null, readFileSync(file), priv).toString("base64"));
    expect(installIocUpdate(file, { keysDir: keys, userDir }).backup).toBe(join(userDir, "feed.json.bak"));
    expect(existsSync(join(userDir, "feed.json.bak"))).toBe(true);
  });

  it("refuses an update signed by a key that is not trusted", () => {
    const other = generateKeyPairSync("ed25519").privateKey;
    const file = join(dir, "untrusted.json");
    writeFileSync(file, feed([good]));
    writeFileSync(`${file}.sig`, sign(null, readFileSync(file), other).toString("base64"));
    expect(() => installIocUpdate(file, { keysDir: keys, userDir: join(dir, "user2") })).toThrow(
      /does not verify/,
    );
  });
});

describe("typosquats", () => {
  it("computes Damerau-Levenshtein distance", () => {
    expect(editDistance("github", "githbu")).toBe(1);
    expect(editDistance("weather", "wether")).toBe(1);
    expect(editDistance("abc", "xyz")).toBe(3);
  });
  it.each([
    ["githbu", "github"],
    ["1passw0rd", "1password"],
    ["spotify-playr", "spotify-player"],
    ["obsidain", "obsidian"],
  ])("%s looks like %s", (name, target) => {
    expect(typosquatOf(name)?.target).toBe(target);
  });
  it.each(["github", "weather-pro-dashboard", "my-notes", "gog"])("%s is not a typosquat", (name) => {
    expect(typosquatOf(name)).toBeUndefined();
  });
});

describe("dependency typosquats", () => {
  it("flags dependencies one edit from popular npm packages, not the real ones or extensions", async () => {
    const { dependencySquats } = await import("../../src/skills/typosquat.js");
    expect(
      dependencySquats({
        dependencies: { axois: "^1.0.0", lodash: "^4", "lodash-es": "^4", chalk: "5" },
        devDependencies: { expresss: "1" },
      }),
    ).toEqual([
      { name: "axois", target: "axios" },
      { name: "expresss", target: "express" },
    ]);
  });
});

describe("homoglyph skill names", () => {
  it("catches Cyrillic look-alikes of popular names", () => {
    expect(typosquatOf("githuЬ".replace("Ь", "b").replace("i", "і"))).toEqual({
      target: "github",
      distance: 0,
    });
    expect(typosquatOf("оbsidian")).toEqual({ target: "obsidian", distance: 0 });
  });
});
