import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { eventsDir } from "../events/paths.js";
import type { EventRecord } from "../events/record.js";
import { CURRENT, segmentFiles } from "../events/segments.js";
import { verifyEvents } from "../events/verify.js";
import { InputError } from "../util/errors.js";
import { FileTail } from "../watch/tail.js";
import { parseDuration } from "../watch/types.js";
import type { SetExitCode } from "./exit-code.js";
import { addTargetOptions, type TargetFlags, target } from "./fix.js";

export function registerEvents(program: Command, setExitCode: SetExitCode): void {
  const events = program
    .command("events")
    .description("clawwarden's hash-chained event log: verify, tail, export");

  addTargetOptions(
    events.command("verify").description("check the hash chain: exit 0 intact, 1 at the first broken line"),
  )
    .option("--json", "print the result as JSON")
    .action(async (flags: TargetFlags & { json?: boolean }) => {
      const dir = eventsDir(target(flags).stateDir);
      const r = await verifyEvents(dir);
      if (flags.json) process.stdout.write(`${JSON.stringify({ dir, ...r }, null, 2)}\n`);
      else if (r.ok) {
        const pruned =
          r.firstSeq && r.firstSeq > 1 ? ` (older records before seq ${r.firstSeq} were rotated away)` : "";
        process.stdout.write(
          `OK: ${r.records} record(s) in ${r.segments} segment(s), chain intact${pruned}\n`,
        );
      } else {
        const b = r.broken;
        process.stdout.write(
          `BROKEN: ${dir}/${b?.file}:${b?.line}${b?.seq !== undefined ? ` (seq ${b.seq})` : ""}: ${b?.reason}\n  ${r.records} record(s) before it verified\n`,
        );
      }
      if (!r.ok) setExitCode(1);
    });

  addTargetOptions(
    events.command("tail").description("the last records, and with -f the new ones as they come"),
  )
    .option("-n, --lines <n>", "how many of the last records", "20")
    .option("-f, --follow", "keep printing new records")
    .action(async (flags: TargetFlags & { lines: string; follow?: boolean }) => {
      const dir = eventsDir(target(flags).stateDir);
      const n = Number(flags.lines);
      if (!Number.isInteger(n) || n < 0) throw new InputError("--lines takes a whole number");
      const last: string[] = [];
      await eachLine(dir, (line) => {
        last.push(line);
        if (last.length > n) last.shift();
      });
      for (const l of last) process.stdout.write(`${l}\n`);
      if (!flags.follow) return;
      const tail = new FileTail(`${dir}/${CURRENT}`, true);
      const timer = setInterval(() => {
        for (const l of tail.readLines()) process.stdout.write(`${l}\n`);
      }, 500);
      await new Promise<void>((done) => {
        const stop = () => {
          clearInterval(timer);
          done();
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    });

  addTargetOptions(
    events.command("export").description("records since a time, as JSON lines (for a SIEM import)"),
  )
    .requiredOption("--since <time>", "ISO time (2026-12-01T00:00:00Z) or a duration back from now (24h, 7d)")
    .option("--type <glob>", "only records of this type (guard.*)")
    .action(async (flags: TargetFlags & { since: string; type?: string }) => {
      const dir = eventsDir(target(flags).stateDir);
      const since = parseSince(flags.since);
      const type = flags.type
        ? new RegExp(
            `^${flags.type
              .split("*")
              .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
              .join(".*")}$`,
          )
        : undefined;
      await eachLine(dir, (line) => {
        try {
          const r = JSON.parse(line) as EventRecord;
          if (Date.parse(r.ts) >= since && (!type || type.test(r.type))) process.stdout.write(`${line}\n`);
        } catch {
          // `events verify` reports broken lines; export skips them
        }
      });
    });
}

function parseSince(text: string): number {
  const at = Date.parse(text);
  if (!Number.isNaN(at)) return at;
  try {
    return Date.now() - parseDuration(text, 0);
  } catch {
    throw new InputError(`--since takes an ISO time or a duration like 24h (got "${text}")`);
  }
}

async function eachLine(dir: string, fn: (line: string) => void): Promise<void> {
  for (const file of segmentFiles(dir)) {
    const rl = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of rl) if (line) fn(line);
  }
}
