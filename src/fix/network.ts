import { bindExposureOf, secretWeakness } from "../catalog/gateway-facts.js";
import { secretFingerprint } from "../util/fingerprint.js";
import { isObj, RESTART, StepList } from "./steps.js";
import { cveRestartNote, envSecretRef, MIN_TOKEN_CHARS, resolveSecret } from "./tokens.js";
import { type FixContext, GATEWAY_TOKEN_ENV, type Remediation } from "./types.js";

export const bindLoopback: Remediation = {
  id: "N-01",
  title: "Bind the gateway to loopback",
  kind: "auto",
  plan(ctx) {
    const s = new StepList(ctx);
    const bind = s.get(["gateway", "bind"]);
    const gateway = s.get(["gateway"]);
    // Judged as N-01 judges it: `custom` on a 127.x host is already loopback; a remote-mode client runs no listener.
    const exposed =
      bindExposureOf({ gateway: isObj(gateway) ? gateway : {} }).exposure !== "loopback" &&
      s.get(["gateway", "mode"]) !== "remote";
    if (exposed) {
      s.set(["gateway", "bind"], "loopback", "only local processes (and tunnels) can reach the gateway");
      if (ctx.remotePeers?.length) {
        s.warn(
          `clients connected from other machines right now will be cut off: ${ctx.remotePeers.join(", ")} — give them an SSH tunnel or Tailscale first (assisted N-04 recipe)`,
        );
      }
      s.warn(
        `gateway.bind was "${String(bind)}": remote clients (other machines, phones, the Control UI from another host) lose direct access — reach the gateway through an SSH tunnel or Tailscale serve instead (assisted N-04 recipe)`,
      );
      s.consequence(RESTART);
    }
    if (
      s.dropWildcards(
        ["gateway", "controlUi", "allowedOrigins"],
        'a "*" origin lets any web page drive the Control UI',
      )
    ) {
      s.warn('gateway.controlUi.allowedOrigins lost "*": add the exact https origins you use, if any');
    }
    if (s.get(["gateway", "tailscale", "mode"]) === "funnel") {
      s.warn("gateway.tailscale.mode is funnel (public internet): not changed automatically — see N-04");
    }
    return s.result();
  },
};

export const mdnsOff: Remediation = {
  id: "N-05",
  title: "Disable mDNS discovery",
  kind: "auto",
  plan(ctx) {
    const s = new StepList(ctx);
    if (s.set(["discovery", "mdns", "mode"], "off", "the gateway stops announcing itself on the LAN")) {
      s.consequence(RESTART);
    }
    return s.result();
  },
};

/** Strong means what N-03's check means (gateway-facts.ts `secretWeakness`): no placeholder, long, random-looking. */
function tokenState(ctx: FixContext): "strong" | "weak" | "unseen" {
  const current = ctx.config.get(["gateway", "auth", "token"]);
  const { value } = resolveSecret(ctx, current);
  if (value !== undefined) return secretWeakness(value) === undefined ? "strong" : "weak";
  // A reference we cannot resolve here (the service manager, a file or exec provider) may be fine.
  return current === undefined || current === "" ? "weak" : "unseen";
}

export const gatewayAuth: Remediation = {
  id: "N-03",
  title: "Gateway token authentication with a strong token",
  kind: "auto",
  plan(ctx) {
    const s = new StepList(ctx);
    const mode = s.get(["gateway", "auth", "mode"]);
    if (mode === "password" || mode === "trusted-proxy") return null;
    const state = tokenState(ctx);
    if (state === "unseen") {
      s.warn(
        `gateway.auth.token refers to a secret clawwarden cannot see from here (${resolveSecret(ctx, s.get(["gateway", "auth", "token"])).where}); make sure the gateway gets a value of at least ${MIN_TOKEN_CHARS} characters, or run \`clawwarden rotate gateway-token\``,
      );
    }
    if (state === "weak") {
      const token = ctx.secret("gateway-token");
      const fp = secretFingerprint(token);
      s.steps.push({
        kind: "env",
        name: GATEWAY_TOKEN_ENV,
        value: token,
        why: "new gateway token (OS CSPRNG, 32 bytes)",
      });
      s.set(
        ["gateway", "auth", "token"],
        envSecretRef(GATEWAY_TOKEN_ENV),
        `SecretRef to ${GATEWAY_TOKEN_ENV} in ${ctx.env.path}`,
      );
      s.steps.push({ kind: "rotation", target: "gateway-token", fingerprint: fp });
      s.consequence(
        `clients must use the new token ${fp}: it is ${GATEWAY_TOKEN_ENV} in ${ctx.env.path} (0600)`,
      );
      s.consequence(RESTART);
      const cve = cveRestartNote(ctx.openclawVersion);
      if (cve) s.consequence(cve);
      if (ctx.processEnv[GATEWAY_TOKEN_ENV]) {
        s.warn(
          `${GATEWAY_TOKEN_ENV} is set in this environment and overrides ${ctx.env.path}: update it wherever the gateway service gets it`,
        );
      }
    }
    if (mode !== "token")
      s.set(["gateway", "auth", "mode"], "token", "every gateway connection must present the token");
    if (!isObj(s.get(["gateway", "auth", "rateLimit"]))) {
      s.set(
        ["gateway", "auth", "rateLimit"],
        { maxAttempts: 10, windowMs: 60000, lockoutMs: 300000 },
        "lock out token guessing",
      );
    }
    if (s.steps.length) s.consequence(RESTART);
    return s.result();
  },
};
