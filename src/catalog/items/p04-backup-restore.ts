import { manualOrAttested } from "../helpers.js";
import { backupsByRecords } from "../operations-evidence.js";
import type { CatalogItem } from "../types.js";

export const p04: CatalogItem = {
  id: "P-04",
  title: "Backup and restore",
  category: "deployment",
  priority: "P2",
  action:
    "Back up ~/.openclaw (state + workspace) daily, and prepare scripts to rebuild the Gateway from a fresh OS",
  verification: "Backup verification",
  why: "After a compromise or a bad upgrade the only safe path is a rebuild; without backups and a rebuild script that means losing pairing, memory and configuration.",
  openclaw: [],
  fix: "assisted",
  needs: ["state", "person"],
  evaluate(s) {
    const recorded = backupsByRecords(p04, s);
    if (recorded) return [recorded];
    return [
      manualOrAttested(
        p04,
        s,
        `back up ${s.state.root} daily (encrypted, mode 600, off the host), test a restore, and keep a script that rebuilds the gateway on a fresh OS`,
      ),
    ];
  },
};
