import { manualOrAttested } from "../helpers.js";
import { auditsByWatch } from "../operations-evidence.js";
import type { CatalogItem } from "../types.js";

export const a04: CatalogItem = {
  id: "A-04",
  title: "Regular security audits",
  category: "logging",
  priority: "P1",
  action: "Run openclaw security audit --deep after every config change or new Skill installation",
  verification: "Audit report",
  why: "Config drift and new skills change the attack surface silently; an audit that runs on every change catches the regression before an attacker does.",
  openclaw: [],
  openclawOwns: ["gateway.probe_failed", "security.audit.*"],
  fix: "assisted",
  needs: ["state", "person"],
  evaluate(s) {
    const watched = auditsByWatch(a04, s);
    if (watched) return [watched];
    const f = manualOrAttested(
      a04,
      s,
      "run `clawwarden audit --deep --fail-on high` (and `openclaw security audit --deep`) from cron or CI after every config change and skill install",
    );
    if (s.openclaw.audit.known) {
      const sum = s.openclaw.audit.value.summary;
      f.evidence.push({
        message: `openclaw security audit ran with this audit: ${sum.critical} critical, ${sum.warn} warn, ${sum.info} info`,
        source: "openclaw",
      });
    } else
      f.evidence.push({
        message: `openclaw security audit did not run with this audit: ${s.openclaw.audit.reason}`,
        source: "openclaw",
      });
    return [f];
  },
};
