import { readFileSync } from "node:fs";
import { Decrypter, Encrypter } from "age-encryption";
import { InputError } from "../util/errors.js";
import type { BackupKeys } from "./types.js";

/** The passphrase is read from the environment only: never from argv, where `ps` and shell history see it. */
export const PASSPHRASE_ENV = "CLAWWARDEN_BACKUP_PASSPHRASE";
/** Lowers scrypt's work factor for passphrase backups (tests and drills on small machines); default is age's 18. */
export const SCRYPT_LOGN_ENV = "CLAWWARDEN_BACKUP_SCRYPT_LOGN";

const RECIPIENT = /^age1[0-9a-z]+$/;
const IDENTITY = /^AGE-SECRET-KEY-(PQ-)?1[0-9A-Z]+$/;

export interface KeyFlags {
  recipient?: string[];
  recipientsFile?: string;
  identity?: string;
}

/** Recipients from --recipient / --recipients-file (one per line, `#` comments), identities from --identity. */
export function loadKeys(flags: KeyFlags, env: NodeJS.ProcessEnv): BackupKeys {
  const recipients = [...(flags.recipient ?? [])];
  if (flags.recipientsFile) recipients.push(...keyLines(flags.recipientsFile, RECIPIENT, "recipient"));
  for (const r of recipients) {
    if (!RECIPIENT.test(r)) throw new InputError(`not an age recipient (expected age1…): ${r.slice(0, 12)}…`);
  }
  const identities = flags.identity ? keyLines(flags.identity, IDENTITY, "identity") : [];
  const passphrase = env[PASSPHRASE_ENV];
  return { recipients, identities, ...(passphrase ? { passphrase } : {}) };
}

function keyLines(file: string, shape: RegExp, what: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new InputError(`cannot read the ${what} file: ${(error as Error).message}`, { file });
  }
  const keys: string[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    if (!shape.test(line)) throw new InputError(`not an age ${what}`, { file, line: i + 1 });
    keys.push(line);
  });
  if (!keys.length) throw new InputError(`no age ${what} in the file`, { file });
  return keys;
}

export function encrypterFor(keys: BackupKeys, env: NodeJS.ProcessEnv): Encrypter {
  const e = new Encrypter();
  if (keys.recipients.length && keys.passphrase) {
    throw new InputError(`give recipients or ${PASSPHRASE_ENV}, not both (age encrypts to one or the other)`);
  }
  if (keys.recipients.length) {
    for (const r of keys.recipients) e.addRecipient(r);
    return e;
  }
  if (keys.passphrase) {
    e.setPassphrase(keys.passphrase);
    const logN = Number(env[SCRYPT_LOGN_ENV]);
    if (Number.isInteger(logN) && logN >= 10 && logN <= 22) e.setScryptWorkFactor(logN);
    return e;
  }
  throw new InputError(
    `no key: pass --recipient age1… (or --recipients-file F), or set ${PASSPHRASE_ENV}; a backup is never written unencrypted`,
  );
}

export function decrypterFor(keys: BackupKeys): Decrypter {
  const d = new Decrypter();
  for (const id of keys.identities) d.addIdentity(id);
  if (keys.passphrase) d.addPassphrase(keys.passphrase);
  if (!keys.identities.length && !keys.passphrase) {
    throw new InputError(`no key to decrypt with: pass --identity FILE or set ${PASSPHRASE_ENV}`);
  }
  return d;
}
