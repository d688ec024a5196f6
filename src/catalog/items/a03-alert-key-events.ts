import { manualOrAttested } from "../helpers.js";
import { alertsByWatch } from "../operations-evidence.js";
import type { CatalogItem } from "../types.js";

export const a03: CatalogItem = {
  id: "A-03",
  title: "Alert on key events",
  category: "logging",
  priority: "P1",
  action: "Set alerts for authentication failures, pairing requests, permission denials, etc.",
  verification: "Alert test",
  why: "Brute-force attempts, unexpected pairing requests and tool denials are the first visible signs of an attack; nobody reads logs without an alert.",
  openclaw: [],
  fix: "assisted",
  needs: ["state", "person"],
  evaluate(s) {
    const alerting = alertsByWatch(a03, s, false);
    if (alerting) return [alerting];
    return [
      manualOrAttested(
        a03,
        s,
        "alert on gateway auth failures, channel pairing requests, exec approval denials and blocked tool calls, and fire a test alert",
      ),
    ];
  },
};
