import type { LiveFacts } from "../../model/live-facts.js";
import type { Snapshot } from "../../model/snapshot.js";
import { secretFingerprint } from "../../util/fingerprint.js";
import { finding } from "../finding.js";
import { bindExposure } from "../gateway-facts.js";
import { cfg, configEvidence, where } from "../helpers.js";
import { credentialFindings, ENV_VAR } from "../lib/gateway-credentials.js";
import { remoteClientSkip } from "../lib/network.js";
import { answeredWithoutAuth, gatewayListeners, host } from "../live-checks.js";
import type { CatalogItem, Finding } from "../types.js";

export const n03: CatalogItem = {
  evaluateLive: (s, live) => liveN03(n03, s, live),
  id: "N-03",
  title: "Enable Gateway authentication",
  category: "network",
  priority: "P0",
  action: "Set a strong gateway.auth.token using a cryptographically secure random value",
  verification: "Inspect openclaw.json",
  why: "The gateway token is the only thing between a network client and an agent that runs shell commands; a missing, short or guessable token hands the host to whoever can reach the port.",
  openclaw: [
    "gateway.bind_no_auth",
    "gateway.loopback_no_auth",
    "gateway.http.no_auth",
    "gateway.token_placeholder_value",
    "gateway.password_placeholder_value",
    "gateway.token_too_short",
    "gateway.password_too_short",
    "gateway.auth_no_rate_limit",
    "gateway.trusted_proxy_no_proxies",
    "gateway.trusted_proxy_no_user_header",
    "config.secrets.gateway_password_in_config",
    "hooks.token_reuse_gateway_token",
  ],
  openclawOwns: [
    "gateway.loopback_no_auth",
    "gateway.http.no_auth",
    "gateway.http.session_key_override_enabled",
    "gateway.token_too_short",
    "gateway.token_placeholder_value",
    "gateway.password_too_short",
    "gateway.password_placeholder_value",
    "gateway.auth_no_rate_limit",
    "gateway.probe_auth_secretref_unavailable",
    "gateway.trusted_proxy_auth",
    "gateway.trusted_proxy_no_proxies",
    "gateway.trusted_proxy_no_user_header",
    "gateway.trusted_proxy_no_allowlist",
    "gateway.trusted_proxy_allow_loopback",
    "gateway.trusted_proxy_device_auto_approve_admin",
    "browser.control_no_auth",
    "browser.control_invalid_config",
    "browser.extension_relay_legacy_auth",
    "hooks.token_too_short",
    "hooks.token_reuse_gateway_token",
    "hooks.path_root",
    "hooks.default_session_key_unset",
    "hooks.allowed_agent_ids_unrestricted",
    "hooks.request_session_key_enabled",
    "hooks.request_session_key_prefixes_missing",
  ],
  fix: "auto",
  needs: ["config"],
  evaluate(s) {
    const remote = remoteClientSkip(n03, s);
    if (remote) return [remote];
    const mode = cfg(s, "gateway.auth.mode");
    const modeEv = configEvidence(s, "gateway.auth.mode");
    const { exposure } = bindExposure(s);
    const out: Finding[] = [];

    if (mode === "none") {
      out.push(
        finding(n03, {
          check: "auth-none",
          status: "fail",
          severity: "critical",
          message: `gateway.auth.mode is "none": the WebSocket and HTTP APIs (including /tools/invoke) accept every caller${exposure === "loopback" ? " on this host" : " that can reach the port"}.`,
          evidence: [modeEv, configEvidence(s, "gateway.bind")],
          remediation:
            "`openclaw config set gateway.auth.mode token` and `openclaw doctor --generate-gateway-token` (or an env SecretRef), then restart the gateway.",
          subject: "gateway.auth.mode",
        }),
      );
    } else if (mode === "trusted-proxy") {
      const proxies = cfg(s, "gateway.trustedProxies");
      const userHeader = cfg(s, "gateway.auth.trustedProxy.userHeader");
      if (!Array.isArray(proxies) || proxies.length === 0 || typeof userHeader !== "string" || !userHeader) {
        out.push(
          finding(n03, {
            check: "trusted-proxy-incomplete",
            status: "fail",
            message:
              'gateway.auth.mode is "trusted-proxy" but gateway.trustedProxies or gateway.auth.trustedProxy.userHeader is missing.',
            evidence: [
              modeEv,
              configEvidence(s, "gateway.trustedProxies"),
              configEvidence(s, "gateway.auth.trustedProxy.userHeader"),
            ],
            remediation:
              "Set gateway.trustedProxies to your proxy's IPs and gateway.auth.trustedProxy.userHeader to the header it sets, or use `openclaw config set gateway.auth.mode token`.",
            subject: "gateway.auth.trustedProxy",
          }),
        );
      } else {
        out.push(
          finding(n03, {
            check: "trusted-proxy",
            status: "warn",
            severity: "medium",
            message:
              'Authentication is delegated to a reverse proxy (gateway.auth.mode "trusted-proxy"): the gateway trusts its identity header, so the proxy must authenticate every request and be the only way in.',
            evidence: [modeEv, configEvidence(s, "gateway.trustedProxies")],
            remediation:
              "Verify the proxy authenticates users and overwrites the identity header, restrict gateway.auth.trustedProxy.allowUsers, and firewall the gateway port (N-02).",
            subject: "gateway.auth.mode",
          }),
        );
      }
    } else if (mode === "password") {
      out.push(...credentialFindings(n03, s, "password", true));
    } else if (mode === "token") {
      out.push(...credentialFindings(n03, s, "token", true));
    } else if (mode === undefined) {
      // Unset mode: OpenClaw uses the token when one is configured, else a password when one is.
      const hasToken = cfg(s, "gateway.auth.token") !== undefined || s.envSet.includes(ENV_VAR.token);
      const hasPassword =
        cfg(s, "gateway.auth.password") !== undefined || s.envSet.includes(ENV_VAR.password);
      const tailscaleIdentity =
        cfg(s, "gateway.tailscale.mode") === "serve" && cfg(s, "gateway.auth.allowTailscale") !== false;
      if (!hasToken && hasPassword) out.push(...credentialFindings(n03, s, "password", false));
      else if (!hasToken && tailscaleIdentity) {
        out.push(
          finding(n03, {
            check: "tailscale-identity-only",
            status: "warn",
            message:
              "No gateway token or password is configured; only Tailscale Serve identity headers authenticate WebSocket clients, and the HTTP APIs are not covered.",
            evidence: [configEvidence(s, "gateway.tailscale.mode"), modeEv],
            remediation:
              "`openclaw doctor --generate-gateway-token` (or an env SecretRef for gateway.auth.token).",
            subject: "gateway.auth",
          }),
        );
      } else out.push(...credentialFindings(n03, s, "token", false));
    } else {
      out.push(
        finding(n03, {
          check: "auth-mode-invalid",
          status: "fail",
          message: `gateway.auth.mode = ${JSON.stringify(mode)} is not a mode OpenClaw accepts (none, token, password, trusted-proxy).`,
          evidence: [modeEv],
          remediation: "`openclaw config set gateway.auth.mode token`",
          subject: "gateway.auth.mode",
        }),
      );
    }

    // The webhook token is a lesser credential; if it equals the gateway's, every webhook sender holds
    // full gateway access. Only comparable when both values are in the snapshot.
    const hooksToken = cfg(s, "hooks.token");
    const reused = (["token", "password"] as const).find((c) => {
      const v = cfg(s, `gateway.auth.${c}`);
      return (
        typeof v === "string" &&
        typeof hooksToken === "string" &&
        v.trim() !== "" &&
        v.trim() === hooksToken.trim()
      );
    });
    if (reused) {
      out.push(
        finding(n03, {
          check: "hooks-token-reused",
          status: "fail",
          severity: "critical",
          message: `hooks.token is the same value as gateway.auth.${reused}: anyone holding the webhook token also holds full access to the gateway.`,
          evidence: [
            {
              message: `hooks.token`,
              source: "config",
              keyPath: "hooks.token",
              location: where(s, "hooks.token"),
              value: secretFingerprint(hooksToken as string),
            },
            {
              message: `gateway.auth.${reused}`,
              source: "config",
              keyPath: `gateway.auth.${reused}`,
              location: where(s, `gateway.auth.${reused}`),
              value: secretFingerprint(hooksToken as string),
            },
          ],
          remediation:
            "`openclaw doctor --fix` rotates a reused hooks token; or give hooks.token its own random value (`openssl rand -hex 32`) through environment-variable substitution (hooks.token takes no SecretRef).",
          subject: "hooks.token",
        }),
      );
    }

    if (
      exposure !== "loopback" &&
      mode !== "trusted-proxy" &&
      mode !== "none" &&
      cfg(s, "gateway.auth.rateLimit") === undefined
    ) {
      out.push(
        finding(n03, {
          check: "no-rate-limit",
          status: "warn",
          severity: "medium",
          message:
            "The gateway listens beyond loopback and gateway.auth.rateLimit is not set, so password/token guessing is not slowed down.",
          evidence: [configEvidence(s, "gateway.auth.rateLimit"), configEvidence(s, "gateway.bind")],
          remediation:
            '`openclaw config set gateway.auth.rateLimit \'{"maxAttempts":10,"windowMs":60000,"lockoutMs":300000}\' --strict-json`',
          subject: "gateway.auth.rateLimit",
        }),
      );
    }
    return out;
  },
};

// ─── N-03: what the gateway does with a request that carries no credentials (--deep) ───────────

/** The guide's N-03 is authentication: an unauthenticated request that gets through fails it (N-01 judges where it listens). */
function liveN03(item: CatalogItem, _s: Snapshot, live: LiveFacts): Finding[] | undefined {
  const p = live.probes;
  if (!p?.http.known) return undefined;
  const exposed = live.sockets.known ? gatewayListeners(live).filter((l) => !l.loopback) : [];
  const out: Finding[] = [];
  if (p?.http.known) {
    const open = p.http.value.filter((r) => r.status !== null && answeredWithoutAuth(r.path, r.status));
    const evidence = p.http.value.map((r) => host(`unauthenticated ${r.url} → ${r.status ?? r.error}`));
    if (p.websocket.known)
      evidence.push(
        host(
          `unauthenticated WebSocket connect ${p.websocket.value.url}: ${p.websocket.value.outcome} (${p.websocket.value.detail})`,
        ),
      );
    const wsOpen = p.websocket.known && p.websocket.value.outcome === "accepted";
    out.push(
      open.length > 0 || wsOpen
        ? finding(item, {
            check: "live-unauthenticated-access",
            status: "fail",
            severity: exposed.length > 0 ? "critical" : "high",
            message: `The gateway answered requests without credentials: ${[...open.map((r) => `${r.path} → ${r.status}`), ...(wsOpen ? ["WebSocket connect accepted"] : [])].join(", ")}${exposed.length > 0 ? " — and it listens beyond loopback" : ""}.`,
            evidence,
            remediation:
              "Turn on gateway auth: `openclaw config set gateway.auth.mode token` with a strong token from OPENCLAW_GATEWAY_TOKEN or a SecretRef.",
            subject: "auth-probe",
          })
        : finding(item, {
            check: "live-auth-enforced",
            status: "pass",
            message: "Unauthenticated HTTP and WebSocket requests to the gateway were refused.",
            evidence,
            subject: "auth-probe",
          }),
    );
  }
  return out;
}
