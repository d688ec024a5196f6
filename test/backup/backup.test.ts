import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import { Encrypter, generateIdentity, identityToRecipient } from "age-encryption";
import Database from "better-sqlite3";
import tar from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBackup } from "../../src/backup/create.js";
import { readBackup } from "../../src/backup/read.js";
import { backupFileName, listBackups, pruneBackups } from "../../src/backup/records.js";
import { restoreBackup } from "../../src/backup/restore.js";
import type { BackupKeys } from "../../src/backup/types.js";
import { InputError } from "../../src/util/errors.js";

const SECRET = "sk-ant-api03-TESTONLY0000000000000000000000000000000000000000000000000000000000000000-AAAAAA";
let root: string;
let state: string;
let identity: string;
let keys: BackupKeys;
let writer: Database.Database;

function makeState(dir: string): void {
  mkdirSync(join(dir, "credentials"), { recursive: true, mode: 0o700 });
  mkdirSync(join(dir, "state"), { recursive: true });
  writeFileSync(join(dir, "openclaw.json"), '{ gateway: { bind: "loopback" } }\n', { mode: 0o600 });
  writeFileSync(join(dir, ".env"), `ANTHROPIC_API_KEY=${SECRET}\n`, { mode: 0o600 });
  writeFileSync(join(dir, "credentials", "telegram-allowFrom.json"), '{"allowFrom":["1"]}', { mode: 0o640 });
  symlinkSync("openclaw.json", join(dir, "config-link.json"));
  symlinkSync("/etc/hostname", join(dir, "outside-link"));
  chmodSync(join(dir, "credentials"), 0o700);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "cw-backup-"));
  state = join(root, "openclaw-state");
  makeState(state);
  // A live WAL database with rows still only in the -wal file (no checkpoint): a raw copy of the main file
  // alone would lose them; the online backup must not.
  writer = new Database(join(state, "state", "openclaw.sqlite"));
  writer.pragma("journal_mode = WAL");
  writer.pragma("wal_autocheckpoint = 0");
  writer.exec("CREATE TABLE messages (id INTEGER PRIMARY KEY, body TEXT)");
  const insert = writer.prepare("INSERT INTO messages (body) VALUES (?)");
  for (let i = 0; i < 500; i++) insert.run(`message ${i}`);
  identity = await generateIdentity();
  keys = { recipients: [await identityToRecipient(identity)], identities: [identity] };
});

afterAll(() => {
  writer.close();
  rmSync(root, { recursive: true, force: true });
});

describe("backup create / verify / restore", () => {
  let file: string;

  it("writes an encrypted file, mode 600, holding nothing readable without the key", async () => {
    file = join(root, backupFileName(new Date("2026-12-01T10:00:00Z")));
    const r = await createBackup({ stateDir: state, out: file, keys: { ...keys, identities: [] }, env: {} });
    expect(lstatSync(file).mode & 0o777).toBe(0o600);
    expect(r.manifest.entries.find((e) => e.path === "state/openclaw.sqlite")?.sqlite).toBe(true);
    expect(r.manifest.skipped.map((s) => s.path)).toContain("state/openclaw.sqlite-wal");
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 21).toString()).toBe("age-encryption.org/v1");
    for (const clear of [SECRET.slice(0, 20), "openclaw.json", "telegram-allowFrom", "message 42"]) {
      expect(bytes.includes(Buffer.from(clear))).toBe(false);
    }
  });

  it("verify reads every file back and matches every sha256", async () => {
    const report = await readBackup(file, keys);
    expect(report.problems).toEqual([]);
    expect(report.files).toBe(4);
  });

  it("restore recreates files, modes, inner links and a consistent database with every row", async () => {
    const to = join(root, "restored");
    const r = await restoreBackup({ file, keys, to, force: false });
    expect(readFileSync(join(to, ".env"), "utf8")).toContain(SECRET);
    expect(lstatSync(join(to, ".env")).mode & 0o777).toBe(0o600);
    expect(lstatSync(join(to, "credentials", "telegram-allowFrom.json")).mode & 0o777).toBe(0o640);
    expect(lstatSync(join(to, "credentials")).mode & 0o777).toBe(0o700);
    expect(readlinkSync(join(to, "config-link.json"))).toBe("openclaw.json");
    expect(existsSync(join(to, "outside-link"))).toBe(false);
    expect(r.linksNotRestored).toEqual(["outside-link -> /etc/hostname"]);
    expect(r.databases).toEqual([{ path: "state/openclaw.sqlite", integrity: "ok", tables: 1 }]);
    const db = new Database(join(to, "state", "openclaw.sqlite"), { readonly: true });
    expect((db.prepare("SELECT count(*) AS n FROM messages").get() as { n: number }).n).toBe(500);
    db.close();
  });

  it("never restores over a non-empty folder unless forced, and then moves the old content aside", async () => {
    const to = join(root, "occupied");
    mkdirSync(to);
    writeFileSync(join(to, "openclaw.json"), "{}");
    await expect(restoreBackup({ file, keys, to, force: false })).rejects.toThrow(/not empty.*deployment/);
    const r = await restoreBackup({ file, keys, to, force: true });
    expect(r.movedAside).toBeTruthy();
    expect(readFileSync(join(r.movedAside as string, "openclaw.json"), "utf8")).toBe("{}");
    expect(readFileSync(join(to, "openclaw.json"), "utf8")).toContain("loopback");
  });

  it("a wrong key is an input error, not an integrity verdict", async () => {
    const other = await generateIdentity();
    await expect(readBackup(file, { recipients: [], identities: [other] })).rejects.toBeInstanceOf(
      InputError,
    );
  });

  it("one flipped byte anywhere in the payload fails verification and restores nothing", async () => {
    const bytes = readFileSync(file);
    const damaged = join(root, "damaged.age");
    const copy = Buffer.from(bytes);
    const mid = Math.floor(copy.length / 2);
    copy.writeUInt8(copy.readUInt8(mid) ^ 0x01, mid);
    writeFileSync(damaged, copy);
    const report = await readBackup(damaged, keys);
    expect(report.problems.length).toBeGreaterThan(0);
    const to = join(root, "from-damaged");
    await expect(restoreBackup({ file: damaged, keys, to, force: false })).rejects.toThrow(
      /failed verification/,
    );
    expect(existsSync(to)).toBe(false);
  });

  it("a truncated file (the manifest cut off) fails verification", async () => {
    const bytes = readFileSync(file);
    const cut = join(root, "cut.age");
    writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
    expect((await readBackup(cut, keys)).problems.length).toBeGreaterThan(0);
  });

  it("passphrase backups (scrypt) round-trip; the passphrase comes from the environment only", async () => {
    const env = { CLAWWARDEN_BACKUP_SCRYPT_LOGN: "10" };
    const out = join(root, "pass.age");
    const pass: BackupKeys = { recipients: [], identities: [], passphrase: "correct horse battery staple" };
    await createBackup({ stateDir: state, out, keys: pass, env });
    expect((await readBackup(out, pass)).problems).toEqual([]);
    await expect(readBackup(out, { ...pass, passphrase: "wrong" })).rejects.toBeInstanceOf(InputError);
  });
});

describe("hostile backups", () => {
  async function forge(entries: Array<{ name: string; body?: string; type?: "symlink"; linkname?: string }>) {
    const pack = tar.pack();
    for (const e of entries) {
      if (e.type === "symlink") pack.entry({ name: e.name, type: "symlink", linkname: e.linkname ?? "" });
      else pack.entry({ name: e.name, mode: 0o600 }, e.body ?? "");
    }
    pack.finalize();
    const gz = pack.pipe(createGzip());
    const enc = new Encrypter();
    enc.addRecipient(keys.recipients[0] as string);
    const out = join(root, `forged-${Math.random().toString(16).slice(2)}.age`);
    const cipher = await enc.encrypt(Readable.toWeb(gz) as ReadableStream<Uint8Array>);
    const parts: Uint8Array[] = [];
    for await (const c of cipher as unknown as AsyncIterable<Uint8Array>) parts.push(c);
    writeFileSync(out, Buffer.concat(parts));
    return out;
  }
  const manifest = (entries: unknown[]) =>
    JSON.stringify({
      format: "clawwarden-backup/v1",
      createdAt: "",
      sourceStateDir: "/x",
      hostname: "h",
      entries,
      skipped: [],
    });

  it("a path that escapes is refused and nothing lands outside the target", async () => {
    const file = await forge([
      { name: "state/../../escaped.txt", body: "x" },
      { name: "clawwarden-manifest.json", body: manifest([]) },
    ]);
    const to = join(root, "hostile1", "dest");
    await expect(restoreBackup({ file, keys, to, force: false })).rejects.toThrow(/outside state/);
    expect(existsSync(join(root, "escaped.txt"))).toBe(false);
    expect(existsSync(join(root, "hostile1", "escaped.txt"))).toBe(false);
  });

  it("a file listed nowhere, or a file written through a stored link, is refused", async () => {
    const file = await forge([
      { name: "state/link", type: "symlink", linkname: "/tmp" },
      { name: "state/link/owned", body: "x" },
      { name: "clawwarden-manifest.json", body: manifest([]) },
    ]);
    const report = await readBackup(file, keys);
    expect(report.problems.join("\n")).toMatch(/not in the manifest: link/);
    await expect(restoreBackup({ file, keys, to: join(root, "hostile2"), force: false })).rejects.toThrow();
    expect(existsSync("/tmp/owned")).toBe(false);
  });
});

describe("list and prune", () => {
  it("keeps the newest N of clawwarden's own files and never touches anything else", () => {
    const dir = join(root, "store");
    mkdirSync(dir);
    const names = ["20261101T000000Z", "20261102T000000Z", "20261103T000000Z"].map(
      (s) => `openclaw-backup-host-${s}.tar.gz.age`,
    );
    for (const n of names) writeFileSync(join(dir, n), "x");
    writeFileSync(join(dir, "notes.txt"), "keep me");
    expect(listBackups(dir).map((b) => b.name)).toEqual([...names].reverse());
    expect(pruneBackups(dir, 1).map((p) => p.split("/").pop())).toEqual([names[1], names[0]]);
    expect(existsSync(join(dir, "notes.txt"))).toBe(true);
    expect(() => pruneBackups(dir, 0)).toThrow(RangeError);
  });
});

describe("backup CLI", () => {
  const cli = join(import.meta.dirname, "..", "..", "dist", "cli", "main.js");
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", env: { ...process.env, ...env } });

  it("keygen → create → verify → restore, with exit codes 0 / 1 (damage) / 2 (bad key or input)", () => {
    const dir = join(root, "cli");
    mkdirSync(dir);
    const idFile = join(dir, "backup.key");
    const recipient = execFileSync(process.execPath, [cli, "backup", "keygen", "--out", idFile], {
      encoding: "utf8",
    }).trim();
    expect(recipient).toMatch(/^age1/);
    expect(lstatSync(idFile).mode & 0o777).toBe(0o600);
    const created = run([
      "backup",
      "create",
      "--state-dir",
      state,
      "--out",
      dir,
      "--recipient",
      recipient,
      "--json",
    ]);
    expect(created.status, created.stderr).toBe(0);
    const file = JSON.parse(created.stdout).file as string;
    expect(created.stdout).not.toContain(SECRET.slice(0, 20));
    expect(run(["backup", "verify", file, "--identity", idFile, "--state-dir", state]).status).toBe(0);
    expect(run(["backup", "list", "--dir", dir, "--state-dir", state]).stdout).toMatch(/verify:ok/);
    const damaged = join(dir, "damaged.age");
    const b = readFileSync(file);
    b.writeUInt8(b.readUInt8(b.length - 40) ^ 0xff, b.length - 40);
    writeFileSync(damaged, b);
    expect(run(["backup", "verify", damaged, "--identity", idFile]).status).toBe(1);
    const noKey = run(["backup", "verify", file]);
    expect(noKey.status).toBe(2);
    expect(noKey.stderr).toMatch(/no key to decrypt/);
    expect(run(["backup", "create", "--state-dir", state, "--out", join(dir, "x.age")]).status).toBe(2);
    expect(run(["backup", "restore", file, "--identity", idFile, "--to", join(dir, "r")]).status).toBe(0);
    expect(readFileSync(join(dir, "r", ".env"), "utf8")).toContain(SECRET);
  });
});
