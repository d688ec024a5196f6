import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * GCP service-account keys in PKCS#12 form all use the password "notasecret": such a file is a
 * private key in clear. This checks the file's MAC with that password (RFC 7292 §5, Appendix B),
 * reading only what the MAC needs from the DER; anything malformed is simply "not one".
 */
export const GCP_P12_PASSWORD = "notasecret";

const MAX_ITERATIONS = 1_000_000;

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

function tlv(buf: Uint8Array, at: number, limit: number): Tlv {
  if (at + 2 > limit) throw new Error("truncated");
  const tag = buf[at] as number;
  let len = buf[at + 1] as number;
  let p = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || p + n > limit) throw new Error("unsupported length");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (buf[p++] as number);
  }
  if (p + len > limit) throw new Error("truncated");
  return { tag, start: p, end: p + len };
}

function children(buf: Uint8Array, outer: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let p = outer.start; p < outer.end; ) {
    const t = tlv(buf, p, outer.end);
    out.push(t);
    p = t.end;
  }
  return out;
}

const HASHES: Record<string, { name: string; v: number }> = {
  "2b0e03021a": { name: "sha1", v: 64 },
  "608648016503040201": { name: "sha256", v: 64 },
  "608648016503040202": { name: "sha384", v: 128 },
  "608648016503040203": { name: "sha512", v: 128 },
  "608648016503040204": { name: "sha224", v: 64 },
};

/** RFC 7292 Appendix B.2 key derivation (ID 3 = MAC key). */
function pkcs12Kdf(
  hash: string,
  v: number,
  password: string,
  salt: Uint8Array,
  iterations: number,
  size: number,
): Buffer {
  const pw = Buffer.alloc((password.length + 1) * 2);
  for (let i = 0; i < password.length; i++) pw.writeUInt16BE(password.charCodeAt(i), i * 2);
  const fill = (src: Uint8Array) => {
    const len = v * Math.ceil(src.length / v);
    const out = Buffer.alloc(len);
    for (let i = 0; i < len; i++) out[i] = src[i % src.length] as number;
    return out;
  };
  const d = Buffer.alloc(v, 3);
  const i = Buffer.concat([salt.length ? fill(salt) : Buffer.alloc(0), fill(pw)]);
  const out: Buffer[] = [];
  let produced = 0;
  while (produced < size) {
    let a = createHash(hash).update(d).update(i).digest();
    for (let r = 1; r < iterations; r++) a = createHash(hash).update(a).digest();
    out.push(a);
    produced += a.length;
    const b = fill(a);
    for (let j = 0; j < i.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = (i[j + k] as number) + (b[k] as number) + carry;
        i[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, size);
}

/** True when `buf` is a PKCS#12 file whose MAC verifies with one of `passwords`. */
export function pkcs12OpensWith(buf: Uint8Array, passwords: string[] = [GCP_P12_PASSWORD]): boolean {
  try {
    const pfx = tlv(buf, 0, buf.length);
    if (pfx.tag !== 0x30) return false;
    const [version, authSafe, macData] = children(buf, pfx);
    if (version?.tag !== 0x02 || !authSafe || authSafe.tag !== 0x30 || !macData || macData.tag !== 0x30)
      return false;
    // authSafe: ContentInfo { data OID, [0] { OCTET STRING content } }: the MAC covers content.
    const [, explicit] = children(buf, authSafe);
    if (explicit?.tag !== 0xa0) return false;
    const [octets] = children(buf, explicit);
    if (octets?.tag !== 0x04) return false;
    const content = buf.subarray(octets.start, octets.end);
    const [digestInfo, saltTlv, iterTlv] = children(buf, macData);
    if (!digestInfo || !saltTlv || saltTlv.tag !== 0x04) return false;
    const [algId, digest] = children(buf, digestInfo);
    if (!algId || !digest || digest.tag !== 0x04) return false;
    const [oid] = children(buf, algId);
    if (oid?.tag !== 0x06) return false;
    const hash = HASHES[Buffer.from(buf.subarray(oid.start, oid.end)).toString("hex")];
    if (!hash) return false;
    let iterations = 1;
    if (iterTlv) {
      if (iterTlv.tag !== 0x02 || iterTlv.end - iterTlv.start > 4) return false;
      iterations = 0;
      for (let p = iterTlv.start; p < iterTlv.end; p++) iterations = iterations * 256 + (buf[p] as number);
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) return false;
    const expected = buf.subarray(digest.start, digest.end);
    const salt = buf.subarray(saltTlv.start, saltTlv.end);
    for (const password of passwords) {
      const key = pkcs12Kdf(hash.name, hash.v, password, salt, iterations, expected.length);
      const mac = createHmac(hash.name, key).update(content).digest();
      if (mac.length === expected.length && timingSafeEqual(mac, expected)) return true;
    }
    return false;
  } catch {
    return false;
  }
}
