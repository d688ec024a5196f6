import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { atomicWrite } from "../fix/apply.js";
import { InputError } from "../util/errors.js";
import { onceServiceUnit, timerUnit, watchServiceUnit } from "../watch/unit.js";
import { Watcher } from "../watch/watcher.js";
import type { SetExitCode } from "./exit-code.js";
import { addTargetOptions, type TargetFlags, target } from "./fix.js";

interface WatchFlags extends TargetFlags {
  once?: boolean;
  every?: string;
  live?: boolean;
  openclaw: boolean;
  clawwardenConfig?: string;
  installUnit?: boolean;
  unitDir: string;
  user?: string;
  onCalendar?: string;
}

export function registerWatch(program: Command, setExitCode: SetExitCode): void {
  addTargetOptions(
    program
      .command("watch")
      .description(
        "re-audit on config/skill changes and on a schedule; alert on regressions, auth failures, guard denials, budgets",
      ),
  )
    .option("--once", "one audit + diff + alerts, then exit (for timers and cron)")
    .option("--every <duration>", "re-audit at least this often (default: watch.every or 1h)")
    .option("--live", "include host facts (new non-loopback listeners) in each audit")
    .option("--openclaw", "also run OpenClaw's own audit each cycle (slow: 5-15 s)", false)
    .option("--clawwarden-config <file>", "alert rules and sinks (default: ./clawwarden.json)")
    .option(
      "--install-unit",
      "write systemd units (watch service, or --once service + timer) instead of running",
    )
    .option("--unit-dir <dir>", "where --install-unit writes", "/etc/systemd/system")
    .option("--user <name>", "with --install-unit: run the service as this user")
    .option(
      "--on-calendar <spec>",
      "with --install-unit --once: timer schedule (systemd OnCalendar)",
      "hourly",
    )
    .action(async (flags: WatchFlags) => {
      const loc = target(flags);
      if (flags.installUnit) return installUnits(flags, loc.stateDir, loc.configPath);
      const watcher = new Watcher({
        collect: {
          env: process.env,
          cwd: process.cwd(),
          live: flags.live === true,
          deep: false,
          openclaw: flags.openclaw,
          skills: true,
          ...(flags.stateDir !== undefined && { stateDir: flags.stateDir }),
          ...(flags.config !== undefined && { config: flags.config }),
          ...(flags.profile !== undefined && { profile: flags.profile }),
          ...(flags.dev !== undefined && { dev: flags.dev }),
          ...(flags.clawwardenConfig !== undefined && { clawwardenConfig: flags.clawwardenConfig }),
        },
        env: process.env,
        ...(flags.every !== undefined && { every: flags.every }),
        onError: (e) => process.stderr.write(`clawwarden watch: ${e.message}\n`),
      });
      if (flags.once) {
        const raised = await watcher.once();
        process.stderr.write(`clawwarden watch --once: ${raised} alert(s) raised\n`);
        return;
      }
      const first = await watcher.start();
      process.stderr.write(
        `clawwarden watch: ${first.stateDir} (index ${first.digest.index}); watching ${first.watchPaths.length} path(s), gateway log ${first.gatewayLog}\n`,
      );
      await new Promise<void>((done) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          void watcher.stop().then(done);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      setExitCode(0);
    });
}

function installUnits(flags: WatchFlags, stateDir: string, configPath: string): void {
  const dir = resolve(flags.unitDir);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const o = {
    node: process.execPath,
    main: fileURLToPath(new URL("./main.js", import.meta.url)),
    stateDir,
    configPath,
    ...(flags.clawwardenConfig ? { clawwardenConfig: resolve(flags.clawwardenConfig) } : {}),
    ...(flags.user ? { user: flags.user } : {}),
    onCalendar: flags.onCalendar ?? "hourly",
  };
  const files: Array<[string, string]> = flags.once
    ? [
        ["clawwarden-audit.service", onceServiceUnit(o)],
        ["clawwarden-audit.timer", timerUnit(o)],
      ]
    : [["clawwarden-watch.service", watchServiceUnit(o)]];
  for (const [name] of files) {
    if (existsSync(join(dir, name)))
      throw new InputError(`${join(dir, name)} exists; remove it first to rewrite it`);
  }
  for (const [name, text] of files) {
    atomicWrite(join(dir, name), text, 0o644);
    process.stdout.write(`wrote ${join(dir, name)}:\n${text}\n`);
  }
  const unit = flags.once ? "clawwarden-audit.timer" : "clawwarden-watch.service";
  process.stdout.write(`enable it with: systemctl daemon-reload && systemctl enable --now ${unit}\n`);
}
