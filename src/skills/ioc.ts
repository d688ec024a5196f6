import { createPublicKey, verify } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "../util/errors.js";

/**
 * Offline indicator-of-compromise database (K-02). Every entry must carry its provenance (public source and
 * date); entries without it are refused, and so is the sha256 of the empty file, which some community lists
 * wrongly carry as malicious. Updates are accepted only with a valid ed25519 signature from a trusted key.
 */

export type IocType = "sha256" | "domain" | "ip" | "publisher" | "skill-name";

export interface IocEntry {
  type: IocType;
  value: string;
  source: string;
  date: string;
  note?: string;
}

export interface IocFile {
  format: "clawwarden-ioc/1";
  name: string;
  entries: IocEntry[];
}

export const EMPTY_FILE_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const TYPES = new Set<IocType>(["sha256", "domain", "ip", "publisher", "skill-name"]);

const pkgRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const BUNDLED_IOC_DIR = join(pkgRoot, "data", "ioc");
export const TRUSTED_KEYS_DIR = join(BUNDLED_IOC_DIR, "keys");

export function userIocDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.CLAWWARDEN_IOC_DIR ?? join(env.CLAWWARDEN_HOME ?? join(homedir(), ".clawwarden"), "ioc");
}

/** Parses and validates an IOC file; throws InputError naming the bad entry. */
export function parseIocFile(text: string, file: string): IocFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`not valid JSON: ${(e as Error).message}`, { file });
  }
  const obj = raw as Partial<IocFile>;
  if (obj.format !== "clawwarden-ioc/1" || typeof obj.name !== "string" || !Array.isArray(obj.entries)) {
    throw new InputError('expected {"format":"clawwarden-ioc/1","name":…,"entries":[…]}', { file });
  }
  const entries: IocEntry[] = [];
  obj.entries.forEach((e, i) => {
    const where = `${file} entry ${i}`;
    if (!e || typeof e !== "object") throw new InputError(`${where}: not an object`, { file });
    if (!TYPES.has(e.type))
      throw new InputError(`${where}: unknown type ${JSON.stringify(e.type)}`, { file });
    if (typeof e.value !== "string" || e.value.trim() === "")
      throw new InputError(`${where}: missing value`, { file });
    if (typeof e.source !== "string" || e.source.trim() === "")
      throw new InputError(`${where}: missing provenance (source)`, { file });
    if (typeof e.date !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(e.date))
      throw new InputError(`${where}: missing or malformed provenance date`, { file });
    const value =
      e.type === "publisher" || e.type === "skill-name" ? e.value.trim() : e.value.trim().toLowerCase();
    if (e.type === "sha256" && !/^[0-9a-f]{64}$/.test(value))
      throw new InputError(`${where}: sha256 must be 64 hex digits`, { file });
    if (e.type === "sha256" && value === EMPTY_FILE_SHA256)
      throw new InputError(`${where}: refuses the sha256 of the empty file (a known false indicator)`, {
        file,
      });
    const entry: IocEntry = { type: e.type, value, source: e.source, date: e.date };
    if (typeof e.note === "string") entry.note = e.note;
    entries.push(entry);
  });
  return { format: "clawwarden-ioc/1", name: obj.name, entries };
}

export class IocDb {
  private readonly byKey = new Map<string, IocEntry>();
  readonly files: string[] = [];

  add(file: IocFile, path: string): void {
    this.files.push(path);
    for (const e of file.entries)
      this.byKey.set(
        `${e.type}:${e.type === "publisher" || e.type === "skill-name" ? e.value.toLowerCase() : e.value}`,
        e,
      );
  }
  get size(): number {
    return this.byKey.size;
  }
  match(type: IocType, value: string): IocEntry | undefined {
    const v = value.toLowerCase();
    const hit = this.byKey.get(`${type}:${v}`);
    if (hit || type !== "domain") return hit;
    // A listed domain also covers its subdomains.
    for (let i = v.indexOf("."); i !== -1; i = v.indexOf(".", i + 1)) {
      const parent = this.byKey.get(`domain:${v.slice(i + 1)}`);
      if (parent) return parent;
    }
    return undefined;
  }
}

function readDir(db: IocDb, dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith(".json")) continue;
    const path = join(dir, name);
    db.add(parseIocFile(readFileSync(path, "utf8"), path), path);
  }
}

/** The bundled database plus the user's verified updates. */
export function loadIocDb(opts: { bundledDir?: string; userDir?: string } = {}): IocDb {
  const db = new IocDb();
  readDir(db, opts.bundledDir ?? BUNDLED_IOC_DIR);
  readDir(db, opts.userDir ?? userIocDir());
  return db;
}

/** Checks an ed25519 signature (base64, over the exact file bytes) against every trusted public key. */
export function verifyIocSignature(
  data: Buffer,
  signatureB64: string,
  keysDir = TRUSTED_KEYS_DIR,
): string | undefined {
  const sig = Buffer.from(signatureB64.trim(), "base64");
  if (!existsSync(keysDir)) return undefined;
  for (const name of readdirSync(keysDir).sort()) {
    if (!name.endsWith(".pem")) continue;
    const key = createPublicKey(readFileSync(join(keysDir, name)));
    if (key.asymmetricKeyType !== "ed25519") continue;
    if (verify(null, data, key, sig)) return name;
  }
  return undefined;
}

export interface UpdateResult {
  installedAt: string;
  keyName: string;
  entries: number;
  backup?: string;
}

/**
 * `ioc update --from FILE`: verifies FILE against FILE.sig (or `sigPath`) with the trusted keys, validates every
 * entry's provenance, then installs it atomically into the user IOC dir (the previous version is kept as .bak).
 */
export function installIocUpdate(
  from: string,
  opts: { sigPath?: string; keysDir?: string; userDir?: string } = {},
): UpdateResult {
  const sigPath = opts.sigPath ?? `${from}.sig`;
  if (!existsSync(from)) throw new InputError("IOC update file not found", { file: from });
  if (!existsSync(sigPath))
    throw new InputError("signature file not found (expected FILE.sig, base64 ed25519)", { file: sigPath });
  const data = readFileSync(from);
  const keyName = verifyIocSignature(data, readFileSync(sigPath, "utf8"), opts.keysDir);
  if (!keyName)
    throw new InputError("signature does not verify against any trusted key: update refused", {
      file: sigPath,
    });
  const parsed = parseIocFile(data.toString("utf8"), from);
  if (!/^[\w.-]+$/.test(parsed.name))
    throw new InputError(`IOC set name ${JSON.stringify(parsed.name)} is not a plain file name`, {
      file: from,
    });
  const dir = opts.userDir ?? userIocDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const dest = join(dir, `${parsed.name}.json`);
  const result: UpdateResult = { installedAt: dest, keyName, entries: parsed.entries.length };
  if (existsSync(dest)) {
    const backup = `${dest}.bak`;
    copyFileSync(dest, backup);
    result.backup = backup;
  }
  const tmp = `${dest}.tmp-${process.pid}`;
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, dest);
  return result;
}
