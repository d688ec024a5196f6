import { manualOrAttested } from "../helpers.js";
import type { CatalogItem } from "../types.js";

export const p02: CatalogItem = {
  id: "P-02",
  title: "Dedicated machines",
  category: "deployment",
  priority: "P2",
  action: "Use a dedicated VPS or spare machine — never install OpenClaw on your main work or company laptop",
  verification: "Device inventory",
  why: "An agent with shell access on a work laptop can reach everything that laptop can: SSH keys, browser sessions, company networks.",
  openclaw: [],
  fix: "manual",
  needs: ["person"],
  evaluate(s) {
    return [
      manualOrAttested(
        p02,
        s,
        "confirm the gateway runs on a dedicated VPS, VM or spare machine that holds no personal or company data",
      ),
    ];
  },
};
