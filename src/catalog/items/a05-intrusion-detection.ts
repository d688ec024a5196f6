import { manualOrAttested } from "../helpers.js";
import type { CatalogItem } from "../types.js";

export const a05: CatalogItem = {
  id: "A-05",
  title: "Intrusion detection",
  category: "logging",
  priority: "P1",
  action: "Use EDR/EASM tools to scan and monitor your OpenClaw instances",
  verification: "Tool coverage check",
  why: "An agent with shell access is an attractive foothold; endpoint and external-surface monitoring notice the compromise the gateway itself cannot see.",
  openclaw: [],
  fix: "manual",
  needs: ["person"],
  evaluate(s) {
    return [
      manualOrAttested(
        a05,
        s,
        "confirm the gateway host is covered by your EDR agent and its public addresses by your EASM scans",
      ),
    ];
  },
};
