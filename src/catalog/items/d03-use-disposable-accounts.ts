import { configEvidence, manualOrAttested } from "../helpers.js";
import { channelSections } from "../lib/messaging.js";
import type { CatalogItem, Evidence } from "../types.js";

export const d03: CatalogItem = {
  id: "D-03",
  title: "Use disposable accounts",
  category: "messaging",
  priority: "P1",
  action: "Use a dedicated disposable/sandbox account on the messaging app connected to OpenClaw",
  verification: "Account audit",
  why: "The agent acts as whatever account it is logged into; a dedicated throwaway account limits what a hijacked agent can read, impersonate or leak to that one account.",
  openclaw: [],
  fix: "manual",
  needs: ["person"],
  evaluate(s) {
    const channels = [...new Set(channelSections(s).map((c) => c.channel))];
    const f = manualOrAttested(
      d03,
      s,
      "check that every messaging account connected to OpenClaw is a dedicated bot or throwaway account (its own phone number for WhatsApp/Signal/iMessage), not a personal or company account",
    );
    const evidence: Evidence[] = channels.map((c) =>
      configEvidence(s, `channels.${c}`, `channel ${c} is configured`),
    );
    return [{ ...f, evidence: [...f.evidence, ...evidence] }];
  },
};
