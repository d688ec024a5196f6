import { secretFingerprint } from "../util/fingerprint.js";
import { isObj, RESTART } from "./steps.js";
import { cveRestartNote, envSecretRef, newToken, referencedEnv } from "./tokens.js";
import { type FixContext, GATEWAY_TOKEN_ENV, HOOKS_TOKEN_ENV, type ItemPlan, type Step } from "./types.js";

export const ROTATION_TARGETS = ["gateway-token", "hooks-token"] as const;
export type RotationTarget = (typeof ROTATION_TARGETS)[number];

/**
 * A new token for the target, written to the env file the config references (a SecretRef for the
 * gateway token, `${ENV}` for hooks.token, which OpenClaw cannot read from a SecretRef), plus an
 * entry in the rotation log the audit reads for N-06/C-05.
 */
export function rotationPlan(target: RotationTarget) {
  return (ctx: FixContext): ItemPlan => {
    const token = newToken();
    const fp = secretFingerprint(token);
    const steps: Step[] = [];
    const consequences: string[] = [];
    const warnings: string[] = [];
    if (target === "gateway-token") {
      const current = ctx.config.get(["gateway", "auth", "token"]);
      const name =
        isObj(current) && current.source === "env" && typeof current.id === "string"
          ? current.id
          : GATEWAY_TOKEN_ENV;
      steps.push({ kind: "env", name, value: token, why: "rotated gateway token (OS CSPRNG, 32 bytes)" });
      if (referencedEnv(current) !== name || !isObj(current)) {
        steps.push({
          kind: "config",
          keyPath: ["gateway", "auth", "token"],
          value: envSecretRef(name),
          why: `SecretRef to ${name}`,
        });
      }
      if (ctx.config.get(["gateway", "auth", "mode"]) !== "token") {
        steps.push({
          kind: "config",
          keyPath: ["gateway", "auth", "mode"],
          value: "token",
          why: "token authentication",
        });
      }
      consequences.push(
        `clients must use the new token ${fp} (${name} in ${ctx.env.path}); the old one stops working after the restart`,
      );
      if (ctx.processEnv[name])
        warnings.push(
          `${name} is set in this environment and overrides ${ctx.env.path}: update it where the gateway gets it`,
        );
    } else {
      const current = ctx.config.get(["hooks", "token"]);
      const name = referencedEnv(current) ?? HOOKS_TOKEN_ENV;
      steps.push({ kind: "env", name, value: token, why: "rotated hooks token (OS CSPRNG, 32 bytes)" });
      if (current !== `\${${name}}`) {
        steps.push({
          kind: "config",
          keyPath: ["hooks", "token"],
          value: `\${${name}}`,
          why: `hooks.token from ${name} (not SecretRef-capable)`,
        });
      }
      consequences.push(`webhook senders must use the new token ${fp} (${name} in ${ctx.env.path})`);
    }
    steps.push({ kind: "rotation", target, fingerprint: fp });
    consequences.push(RESTART);
    const cve = cveRestartNote(ctx.openclawVersion);
    if (cve) consequences.push(cve);
    return {
      id: target === "gateway-token" ? "N-06" : "C-05",
      title: `Rotate the ${target.replace("-", " ")}`,
      kind: "auto",
      steps,
      consequences,
      warnings,
    };
  };
}
