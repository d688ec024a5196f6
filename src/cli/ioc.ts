import { createPrivateKey, generateKeyPairSync, sign } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { installIocUpdate, loadIocDb, userIocDir } from "../skills/ioc.js";
import { InputError } from "../util/errors.js";
import type { SetExitCode } from "./exit-code.js";

export function registerIoc(program: Command, _setExitCode: SetExitCode): void {
  const ioc = program
    .command("ioc")
    .description("offline indicator-of-compromise database for skill scans (K-02)");
  ioc
    .command("update")
    .description("install a signed IOC file (FILE plus FILE.sig, ed25519) into the user IOC dir")
    .requiredOption("--from <file>", "IOC JSON file (clawwarden-ioc/1)")
    .option("--sig <file>", "signature file (default FILE.sig)")
    .option("--trusted-keys <dir>", "directory of trusted ed25519 public keys (.pem)")
    .option("--ioc-dir <dir>", "user IOC directory (default ~/.clawwarden/ioc)")
    .action((o: { from: string; sig?: string; trustedKeys?: string; iocDir?: string }) => {
      const opts: Parameters<typeof installIocUpdate>[1] = {};
      if (o.sig) opts.sigPath = o.sig;
      if (o.trustedKeys) opts.keysDir = o.trustedKeys;
      if (o.iocDir) opts.userDir = o.iocDir;
      const r = installIocUpdate(o.from, opts);
      process.stdout.write(
        `installed ${r.entries} entries into ${r.installedAt} (signed by ${r.keyName})${r.backup ? `; previous version kept at ${r.backup}` : ""}\n`,
      );
    });
  ioc
    .command("list")
    .description("summarise the IOC database in use")
    .option("--ioc-dir <dir>", "user IOC directory")
    .action((o: { iocDir?: string }) => {
      const db = loadIocDb({ userDir: o.iocDir ?? userIocDir() });
      process.stdout.write(
        `${db.size} indicator(s) from ${db.files.length} file(s)\n${db.files.map((f) => `  ${f}`).join("\n")}\n`,
      );
    });
  ioc
    .command("keygen")
    .description("create an ed25519 signing key pair for IOC feeds (keep the .key.pem offline)")
    .requiredOption("--out <dir>", "output directory")
    .option("--name <name>", "key name", "ioc-signing")
    .action((o: { out: string; name: string }) => {
      mkdirSync(o.out, { recursive: true });
      const priv = join(o.out, `${o.name}.key.pem`);
      if (existsSync(priv))
        throw new InputError("refusing to overwrite an existing private key", { file: priv });
      const { publicKey, privateKey } = generateKeyPairSync("ed25519");
      writeFileSync(priv, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
      writeFileSync(join(o.out, `${o.name}.pem`), publicKey.export({ type: "spki", format: "pem" }));
      process.stdout.write(
        `wrote ${priv} (private, keep offline) and ${join(o.out, `${o.name}.pem`)} (public)\n`,
      );
    });
  ioc
    .command("sign")
    .description("sign an IOC file: writes FILE.sig (base64 ed25519 over the exact bytes)")
    .argument("<file>", "IOC JSON file")
    .requiredOption("--key <pem>", "ed25519 private key (PKCS#8 PEM)")
    .action((file: string, o: { key: string }) => {
      if (!existsSync(file)) throw new InputError("file not found", { file });
      const key = createPrivateKey(readFileSync(o.key));
      const sig = sign(null, readFileSync(file), key).toString("base64");
      writeFileSync(`${file}.sig`, `${sig}\n`);
      process.stdout.write(`wrote ${file}.sig\n`);
    });
}
