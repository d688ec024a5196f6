import { existsSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import { resolve } from "node:path";
import type { Command } from "commander";
import { locate } from "../deployment/locate.js";
import { type DiscoveryOptions, scanInstalled } from "../skills/installed.js";
import { loadIocDb } from "../skills/ioc.js";
import { approve, defaultLockfilePath } from "../skills/lockfile.js";
import { listQuarantined, quarantine, restore } from "../skills/quarantine.js";
import { scanTarget } from "../skills/scan.js";
import { renderTrial, trialProfile } from "../skills/trial.js";
import { InputError } from "../util/errors.js";
import type { SetExitCode } from "./exit-code.js";
import { renderText } from "./scan.js";

interface DeploymentFlags {
  stateDir?: string;
  workspace?: string[];
}

function deployment(flags: DeploymentFlags): DiscoveryOptions {
  const loc = locate(flags.stateDir ? { stateDir: flags.stateDir, env: process.env } : { env: process.env });
  const workspaces = flags.workspace?.length
    ? flags.workspace.map((w) => resolve(w))
    : [resolve(loc.stateDir, "workspace")];
  return { stateDir: loc.stateDir, home: loc.home, workspaces };
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerSkills(program: Command, setExitCode: SetExitCode): void {
  const skills = program
    .command("skills")
    .description("approve, quarantine, restore and trial skills and plugins (K-03, K-05)");

  skills
    .command("approve")
    .description("scan a skill or plugin and record its per-file sha256 in the approval lockfile")
    .argument("<path>", "skill folder or archive (one skill)")
    .option("--state-dir <dir>", "OpenClaw state dir (lockfile lives in <state>/.clawwarden/)")
    .option("--lockfile <file>", "lockfile path")
    .option("--approver <name>", "who approves", userInfo().username)
    .option("--force", "approve even when the scan says suspicious or malicious")
    .action(
      async (
        path: string,
        o: { stateDir?: string; lockfile?: string; approver: string; force?: boolean },
      ) => {
        const reports = await scanTarget(path, { ioc: loadIocDb() });
        if (reports.length !== 1)
          throw new InputError(`expected exactly one skill or plugin, found ${reports.length}`, {
            file: path,
          });
        const report = reports[0] as NonNullable<(typeof reports)[0]>;
        if (
          !o.force &&
          (report.verdict === "suspicious" ||
            report.verdict === "malicious" ||
            report.verdict === "incomplete")
        ) {
          process.stdout.write(renderText(reports, false));
          process.stderr.write(
            `clawwarden: not approved: verdict is ${report.verdict} (use --force after review)\n`,
          );
          setExitCode(1);
          return;
        }
        const lockPath = o.lockfile ?? defaultLockfilePath(deployment(o).stateDir);
        const { entry, backup } = approve(lockPath, report, o.approver, new Date());
        process.stdout.write(
          `approved ${entry.kind} ${entry.name}${entry.version ? `@${entry.version}` : ""} (${Object.keys(entry.files).length} files, verdict ${entry.verdict}) by ${entry.approver} in ${lockPath}${backup ? ` (previous lockfile: ${backup})` : ""}\n`,
        );
      },
    );

  skills
    .command("status")
    .description("scan every installed skill and plugin root and compare with the lockfile")
    .option("--state-dir <dir>", "OpenClaw state dir")
    .option("--workspace <dir>", "agent workspace (repeatable; default <state>/workspace)", collect)
    .option("--lockfile <file>", "lockfile path")
    .option("--json", "machine-readable output")
    .action(async (o: DeploymentFlags & { lockfile?: string; json?: boolean }) => {
      const d = deployment(o);
      const scan = await scanInstalled({
        ...d,
        ioc: loadIocDb(),
        ...(o.lockfile ? { lockfile: o.lockfile } : {}),
      });
      if (o.json) {
        const { reports: _r, ...fact } = scan;
        process.stdout.write(`${JSON.stringify(fact, null, 2)}\n`);
      } else {
        for (const i of scan.items)
          process.stdout.write(
            `${i.verdict.padEnd(10)} ${(i.approved ?? "-").padEnd(10)} ${i.kind.padEnd(6)} ${i.name}  ${i.path}\n`,
          );
        process.stdout.write(
          `${scan.items.length} installed item(s) in ${scan.roots.length} root(s); lockfile ${scan.lockfileInUse ? "in use" : "not in use"}\n`,
        );
      }
      const bad = scan.items.some(
        (i) =>
          i.verdict === "suspicious" ||
          i.verdict === "malicious" ||
          (scan.lockfileInUse && i.approved !== "approved"),
      );
      if (bad) setExitCode(1);
    });

  skills
    .command("quarantine")
    .description("move a skill or plugin out of every discovery root (reversible with `skills restore`)")
    .argument("<name>", "directory name, SKILL.md name or plugin id")
    .option("--state-dir <dir>", "OpenClaw state dir")
    .option("--workspace <dir>", "agent workspace (repeatable)", collect)
    .action((name: string, o: DeploymentFlags) => {
      const { dir, manifest } = quarantine(name, deployment(o), new Date());
      for (const i of manifest.items) process.stdout.write(`quarantined ${i.from} -> ${i.stored}\n`);
      process.stdout.write(
        `manifest: ${dir}/manifest.json; restore with: clawwarden skills restore ${name}\n`,
      );
    });

  skills
    .command("restore")
    .description("put the most recent quarantine of a skill or plugin back where it was")
    .argument("<name>", "name used for quarantine")
    .option("--state-dir <dir>", "OpenClaw state dir")
    .action((name: string, o: DeploymentFlags) => {
      const m = restore(name, deployment(o).stateDir);
      for (const i of m.items) process.stdout.write(`restored ${i.from}\n`);
    });

  skills
    .command("quarantined")
    .description("list quarantined skills and plugins")
    .option("--state-dir <dir>", "OpenClaw state dir")
    .action((o: DeploymentFlags) => {
      for (const q of listQuarantined(deployment(o).stateDir))
        process.stdout.write(
          `${q.manifest.at}  ${q.manifest.name}  ${q.manifest.items.map((i) => i.from).join(", ")}\n`,
        );
    });

  skills
    .command("trial")
    .description(
      "write a minimum-privilege OpenClaw agent profile for trying a skill (printed and written, not applied)",
    )
    .argument("<path>", "skill folder or archive")
    .option("--out <file>", "where to write the profile (default ./openclaw-trial-<name>.json5)")
    .option("--agent-id <id>", "agent id for the trial agent")
    .action(async (path: string, o: { out?: string; agentId?: string }) => {
      const reports = await scanTarget(path, { ioc: loadIocDb() });
      if (reports.length !== 1)
        throw new InputError(`expected exactly one skill, found ${reports.length}`, { file: path });
      const report = reports[0] as NonNullable<(typeof reports)[0]>;
      const profile = trialProfile(report, o.agentId ? { agentId: o.agentId } : {});
      const text = renderTrial(report, profile);
      const out = o.out ?? `openclaw-trial-${report.name.replace(/[^\w.-]/g, "_")}.json5`;
      if (existsSync(out))
        throw new InputError("refusing to overwrite an existing file (use --out)", { file: out });
      writeFileSync(out, text, { flag: "wx" });
      process.stdout.write(`${text}\nwritten to ${out} (not applied)\n`);
      if (report.verdict === "malicious") {
        process.stderr.write(
          "clawwarden: the scan says malicious: do not install this skill, not even for a trial\n",
        );
        setExitCode(1);
      }
    });
}
