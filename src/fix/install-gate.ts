import { statSync } from "node:fs";
import {
  currentGateCommand,
  type GateCommand,
  type GateUser,
  gateCommandProblem,
  installPolicyBlock,
} from "../skills/install-gate-config.js";
import { ConfigEditError, type JsonValue } from "./config-edit.js";
import type { Remediation } from "./types.js";

const KEY = ["security", "installPolicy"];

/**
 * K-02: route every skill and plugin install through `clawwarden install-policy` (OpenClaw's
 * security.installPolicy), written through the fix transaction (diff, backup, validate, rollback). An existing
 * scanner command is left alone; only missing targets are added to it.
 */
export function installGateRemediation(gate: () => GateCommand = currentGateCommand): Remediation {
  // The gateway's user is taken as the state dir's owner.
  const gatewayUser = (stateDir: string): GateUser => {
    const st = statSync(stateDir);
    return { uid: st.uid, gid: st.gid };
  };
  return {
    id: "K-02",
    title: "Gate skill and plugin installs with clawwarden install-policy",
    kind: "assisted",
    plan(ctx) {
      const current = ctx.config.get(KEY) as Record<string, unknown> | undefined;
      const command = (current?.exec as Record<string, unknown> | undefined)?.command;
      if (current?.enabled === true && typeof command === "string" && command !== "") {
        const targets = Array.isArray(current.targets) ? current.targets : ["skill", "plugin"];
        const missing = ["skill", "plugin"].filter((t) => !targets.includes(t));
        if (!missing.length) return null;
        return {
          steps: [
            {
              kind: "config",
              keyPath: [...KEY, "targets"],
              value: [...(targets as JsonValue[]), ...missing],
              why: `the install gate also covers ${missing.join(" and ")} installs`,
            },
          ],
          consequences: ["restart the gateway so it reads the new install policy"],
          warnings: [],
        };
      }
      const cmd = gate();
      const problem = gateCommandProblem(cmd, gatewayUser(ctx.stateDir));
      if (problem)
        throw new ConfigEditError(`the gateway's user could not run the gate: ${problem}`, KEY.join("."));
      return {
        steps: [
          {
            kind: "config",
            keyPath: KEY,
            value: installPolicyBlock(cmd) as unknown as JsonValue,
            why: "scan every skill and plugin before OpenClaw installs it; malicious or suspicious ones are blocked",
          },
        ],
        consequences: [
          "restart the gateway so it reads the new install policy",
          `installs now run ${cmd.node} ${cmd.script} install-policy; if clawwarden moves, run this fix again`,
        ],
        warnings: [],
      };
    },
  };
}
