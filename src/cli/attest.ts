/**
 * `clawwarden attest ID --by WHO [--expires DATE] [--note TEXT]`: records that a person did a manual guide
 * item, in the clawwarden.json the audit reads. Edits in place (comments and other keys survive), validates
 * the result with the same loader the audit uses, and writes it atomically (mode 600).
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Command } from "commander";
import { catalogItem } from "../catalog/index.js";
import {
  CLAWWARDEN_CONFIG_NAMES,
  loadClawwardenConfig,
  parseClawwardenText,
} from "../deployment/clawwarden-config.js";
import { atomicWrite } from "../fix/apply.js";
import { setValue } from "../fix/config-edit.js";
import { InputError } from "../util/errors.js";
import type { SetExitCode } from "./exit-code.js";
import { addTargetOptions, type TargetFlags, target, who } from "./fix.js";

interface AttestFlags extends TargetFlags {
  by?: string;
  expires?: string;
  note?: string;
  clawwardenConfig?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The file the audit would read, or where a new one belongs: `<state dir>/.clawwarden/clawwarden.json`. */
function configFile(flags: AttestFlags, stateDir: string): string {
  if (flags.clawwardenConfig) return flags.clawwardenConfig;
  if (process.env.CLAWWARDEN_CONFIG?.trim()) return process.env.CLAWWARDEN_CONFIG.trim();
  const dirs = [process.cwd(), join(stateDir, ".clawwarden")];
  const found = dirs
    .flatMap((d) => CLAWWARDEN_CONFIG_NAMES.map((n) => join(d, n)))
    .find((p) => existsSync(p));
  return found ?? join(stateDir, ".clawwarden", "clawwarden.json");
}

export function registerAttest(program: Command, _setExitCode: SetExitCode): void {
  addTargetOptions(
    program
      .command("attest")
      .description("record in clawwarden.json that a person did a manual guide item (who, when, until when)")
      .argument("<id>", "guide item id, e.g. D-03"),
  )
    .option("--by <who>", "who did it (default: user@host)")
    .option("--expires <YYYY-MM-DD>", "when the attestation lapses and the item fails again")
    .option("--note <text>", "what was checked")
    .option("--clawwarden-config <file>", "the clawwarden.json to edit (default: the one the audit reads)")
    .action((rawId: string, flags: AttestFlags) => {
      const item = catalogItem(rawId);
      if (!item)
        throw new InputError(`unknown guide item "${rawId}" (run \`clawwarden explain\` for the list)`);
      if (flags.expires !== undefined && !DAY.test(flags.expires))
        throw new InputError(`--expires takes a date YYYY-MM-DD (got "${flags.expires}")`);
      const today = new Date().toISOString().slice(0, 10);
      if (flags.expires !== undefined && flags.expires < today)
        throw new InputError(`--expires ${flags.expires} is in the past`);
      const file = configFile(flags, target(flags).stateDir);
      const before = existsSync(file) ? readFileSync(file, "utf8") : "{}\n";
      const current = parseClawwardenText(before, file);
      const entry: Record<string, string> = { id: item.id, by: flags.by ?? who(), at: today };
      if (flags.expires) entry.expires = flags.expires;
      if (flags.note) entry.note = flags.note;
      const others = current.attestations
        .filter((a) => a.id !== item.id)
        .map((a) => ({ ...a }) as Record<string, string>);
      const after = setValue(before, ["attestations"], [...others, entry]);
      // Validate exactly as the audit will read it before anything is replaced.
      parseClawwardenText(after, file);
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      atomicWrite(file, after, 0o600);
      loadClawwardenConfig(file);
      process.stdout.write(
        `attested ${item.id} (${item.title}) by ${entry.by} on ${today}${entry.expires ? `, expires ${entry.expires}` : ""} in ${file}\n`,
      );
    });
}
