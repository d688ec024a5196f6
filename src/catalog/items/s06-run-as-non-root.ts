import { finding } from "../finding.js";
import { needsLive } from "../helpers.js";
import type { CatalogItem, Finding } from "../types.js";

export const s06: CatalogItem = {
  id: "S-06",
  title: "Run as non-root",
  category: "sandbox",
  priority: "P0",
  action: "Create a dedicated openclaw system user to run the Gateway",
  verification: "ps aux",
  why: "Whatever the agent is tricked into doing, it does with the gateway's user rights; as root that is the whole machine, as a dedicated user it is one home directory.",
  openclaw: [],
  fix: "assisted",
  needs: ["state", "live"],
  evaluate(s) {
    const out: Finding[] = [];
    const root = s.state.entries.find((e) => e.path === "");
    if (root && root.uid === 0) {
      out.push(
        finding(s06, {
          check: "state-dir-root-owned",
          status: "warn",
          severity: "medium",
          message: `The state dir ${s.state.root} is owned by root (uid 0): the gateway that writes it most likely runs as root.`,
          evidence: [
            { message: `${s.state.root} owner uid 0`, source: "state", location: { file: s.state.root } },
          ],
          remediation:
            "Create a system user (`useradd --system --create-home openclaw`), move the state dir to it (`chown -R openclaw: ~openclaw/.openclaw`) and run the gateway service as that user.",
          subject: "state-dir-owner",
        }),
      );
    }
    out.push({
      ...needsLive(
        s06,
        `the user the gateway process runs as is only visible on the live host${root ? ` (the state dir is owned by uid ${root.uid})` : ""}`,
      ),
    });
    return out;
  },
};
