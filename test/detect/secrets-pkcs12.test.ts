import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pkcs12OpensWith } from "../../src/detect/pkcs12.js";
import { detectSecretsInFile } from "../../src/detect/secrets.js";

const dir = mkdtempSync(join(tmpdir(), "cw-p12-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A throwaway key and certificate exported as PKCS#12 by the system's openssl. */
function p12(password: string, mac: string): Buffer {
  const key = join(dir, "key.pem");
  const crt = join(dir, "crt.pem");
  const out = join(dir, `${password}-${mac}.p12`);
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      key,
      "-out",
      crt,
      "-subj",
      "/CN=test",
      "-days",
      "1",
    ],
    {
      stdio: "ignore",
    },
  );
  execFileSync(
    "openssl",
    [
      "pkcs12",
      "-export",
      "-inkey",
      key,
      "-in",
      crt,
      "-out",
      out,
      "-passout",
      `pass:${password}`,
      "-macalg",
      mac,
    ],
    {
      stdio: "ignore",
    },
  );
  return readFileSync(out);
}

describe("PKCS#12 with GCP's default password", () => {
  it("is detected for SHA-1 and SHA-256 MACs and not for another password or a broken file", () => {
    const sha1 = p12("notasecret", "sha1");
    const sha256 = p12("notasecret", "sha256");
    const other = p12("c0rrect-h0rse", "sha256");
    expect(pkcs12OpensWith(sha1)).toBe(true);
    expect(pkcs12OpensWith(sha256)).toBe(true);
    expect(pkcs12OpensWith(other)).toBe(false);
    expect(pkcs12OpensWith(sha256.subarray(0, sha256.length - 40))).toBe(false);
    expect(pkcs12OpensWith(Buffer.from("not a p12 file at all"))).toBe(false);
    expect(detectSecretsInFile(sha256).map((d) => d.ruleId)).toEqual(["gcp-p12-default-password"]);
    expect(detectSecretsInFile(other)).toEqual([]);
  });
});
