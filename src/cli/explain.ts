import type { Command } from "commander";
import { catalog, catalogItem } from "../catalog/index.js";
import { InputError } from "../util/errors.js";
import type { SetExitCode } from "./exit-code.js";

export function registerExplain(program: Command, _setExitCode: SetExitCode): void {
  program
    .command("explain")
    .description("print the full record of a guide item (e.g. N-01), or list all items")
    .argument("[id]", "guide item id, e.g. N-01")
    .option("--json", "machine-readable output")
    .action((id: string | undefined, opts: { json?: boolean }) => {
      if (id === undefined) {
        if (opts.json) {
          const list = catalog.map(({ evaluate: _e, ...record }) => record);
          process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
          return;
        }
        for (const item of catalog) process.stdout.write(`${item.id}  ${item.priority}  ${item.title}\n`);
        return;
      }
      const item = catalogItem(id);
      if (!item) throw new InputError(`unknown guide item "${id}" (run \`clawwarden explain\` for the list)`);
      const { evaluate: _evaluate, ...record } = item;
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
        return;
      }
      const lines = [
        `${item.id}  ${item.title}`,
        `category:      ${item.category}`,
        `priority:      ${item.priority}`,
        `action:        ${item.action}`,
        `verification:  ${item.verification}`,
        `why:           ${item.why}`,
        `fix:           ${item.fix}`,
        `needs:         ${item.needs.join(", ")}`,
        `openclaw:      ${item.openclaw.length ? item.openclaw.join(", ") : "(no equivalent check)"}`,
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
