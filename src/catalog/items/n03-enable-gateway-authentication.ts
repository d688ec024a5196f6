import type { Snapshot } from "../../model/snapshot.js";
import { secretFingerprint } from "../../util/fingerprint.js";
import { finding } from "../finding.js";
import {
  bindExposure,
  entropyPerChar,
  isLowEntropy,
  isPlaceholderSecret,
  MIN_SECRET_CHARS,
} from "../gateway-facts.js";
import { cfg, configEvidence, isObject, where } from "../helpers.js";
import { remoteClientSkip } from "../lib/network.js";
import type { CatalogItem, Evidence, Finding } from "../types.js";

/**
 * The snapshot only collects the names of OPENCLAW_* (and provider) variables, so a variable outside
 * that family is "not known to be unset" rather than unset.
 */
function envKnownUnset(s: Snapshot, name: string): boolean {
  return name.startsWith("OPENCLAW_") && !s.envSet.includes(name);
}
function envNote(s: Snapshot, name: string): string {
  if (s.envSet.includes(name)) return `, which is set`;
  return ` (whether ${name} is set was not checked: the audit only collects OPENCLAW_* variable names)`;
}
type Credential = "token" | "password";
const ENV_VAR: Record<Credential, string> = {
  token: "OPENCLAW_GATEWAY_TOKEN",
  password: "OPENCLAW_GATEWAY_PASSWORD",
};
interface SecretRefValue {
  source: string;
  provider?: string;
  id?: string;
}
function asSecretRef(v: unknown): SecretRefValue | undefined {
  return isObject(v) && typeof v.source === "string" ? (v as unknown as SecretRefValue) : undefined;
}
/** Where a gateway credential comes from and whether it is usable. */
function credentialFindings(s: Snapshot, cred: Credential, explicitMode: boolean): Finding[] {
  const keyPath = `gateway.auth.${cred}`;
  const envVar = ENV_VAR[cred];
  const raw = cfg(s, keyPath);
  const loc = where(s, keyPath);
  const envIsSet = s.envSet.includes(envVar);
  const ref = asSecretRef(raw);
  const envTemplate = s.config.secretRefs.find((r) => r.keyPath === keyPath && r.kind === "env-template");
  const fromEnvSubstitution = s.config.envSubstituted[keyPath];
  const refCmd = `export ${envVar}="$(openssl rand -hex 32)" in the gateway's environment, then \`openclaw config set ${keyPath} --ref-provider default --ref-source env --ref-id ${envVar}\``;

  if (ref) {
    const ev: Evidence = {
      message: `${keyPath} is a SecretRef (source ${ref.source}${ref.id ? `, id ${ref.id}` : ""})`,
      source: "config",
      keyPath,
      location: loc,
    };
    if (ref.source === "env" && ref.id && envKnownUnset(s, ref.id)) {
      return [
        finding(n03, {
          check: `${cred}-ref-env-unset`,
          status: "warn",
          message: `${keyPath} points at the environment variable ${ref.id}, which is not set in the audited environment. If the gateway's own environment lacks it too, clients cannot authenticate (the connect fails closed) and OpenClaw reports the HTTP APIs as unauthenticated.`,
          evidence: [ev],
          remediation: `Set ${ref.id} (e.g. \`openssl rand -hex 32\`) in the gateway's service environment and in the shell that runs the audit.`,
          subject: keyPath,
        }),
      ];
    }
    return [
      finding(n03, {
        check: `${cred}-secretref`,
        status: "pass",
        message: `The gateway ${cred} is kept out of the config: ${keyPath} is a ${ref.source} SecretRef${ref.source === "env" ? envNote(s, ref.id ?? "") : ""}. Its strength is not visible to the audit.`,
        evidence: [ev],
        subject: keyPath,
      }),
    ];
  }

  if (raw === undefined) {
    if (envIsSet) {
      return [
        finding(n03, {
          check: `${cred}-env`,
          status: "pass",
          message: `gateway.auth.${cred} is not in the config; OpenClaw takes it from ${envVar}, which is set. Its strength is not visible to the audit.`,
          evidence: [{ message: `${envVar} is set in the environment`, source: "host", keyPath }],
          subject: keyPath,
        }),
      ];
    }
    return [
      finding(n03, {
        check: `${cred}-missing`,
        status: "fail",
        severity: "critical",
        message: `No gateway ${cred} is configured (${keyPath} unset, ${envVar} not set)${explicitMode ? "" : " and no password either"}: the gateway has no shared secret to check.`,
        evidence: [
          { message: `${keyPath} is unset`, source: "default", keyPath, location: loc },
          { message: `${envVar} is not set in the audited environment`, source: "host" },
        ],
        remediation: `\`openclaw doctor --generate-gateway-token\`, or ${refCmd}.`,
        subject: keyPath,
      }),
    ];
  }

  if (typeof raw !== "string") {
    return [
      finding(n03, {
        check: `${cred}-invalid`,
        status: "fail",
        message: `${keyPath} is neither a string nor a SecretRef; OpenClaw rejects the config.`,
        evidence: [
          {
            message: `${keyPath} has type ${Array.isArray(raw) ? "array" : typeof raw}`,
            source: "config",
            keyPath,
            location: loc,
          },
        ],
        remediation: refCmd,
        subject: keyPath,
      }),
    ];
  }

  const value = raw.trim();
  const unresolved =
    /^\$\{[A-Z_][A-Z0-9_]*\}$/.test(value) ||
    s.config.issues.some((i) => i.kind === "unresolved-env" && i.keyPath === keyPath);
  const viaEnv = Boolean(fromEnvSubstitution || envTemplate) || /^\$[A-Z_][A-Z0-9_]*$/.test(value);
  const shown: Evidence = {
    message: `${keyPath} is ${viaEnv ? "taken from the environment" : "written in the config"} (${value.length} characters)`,
    source: "config",
    keyPath,
    location: loc,
    value: secretFingerprint(raw),
  };

  if (unresolved || /^\$[A-Z_][A-Z0-9_]*$/.test(value)) {
    const name = value.replace(/[${}]/g, "");
    // The loader substituted ${VAR} with the real environment, so "unresolved" means unset.
    if (unresolved || envKnownUnset(s, name)) {
      return [
        finding(n03, {
          check: `${cred}-env-unset`,
          status: "warn",
          message: `${keyPath} refers to \${${name}}, which is not set in the audited environment: unless the gateway's environment sets it, the credential is unavailable.`,
          evidence: [
            { message: `${keyPath} = "\${${name}}" (unresolved)`, source: "config", keyPath, location: loc },
          ],
          remediation: `Set ${name} to a long random value (\`openssl rand -hex 32\`) in the gateway's service environment.`,
          subject: keyPath,
        }),
      ];
    }
    return [
      finding(n03, {
        check: `${cred}-env`,
        status: "pass",
        message: `${keyPath} comes from the environment variable ${name}${envNote(s, name)}; its strength is not visible to the audit.`,
        evidence: [{ message: `${keyPath} = "${value}"`, source: "config", keyPath, location: loc }],
        subject: keyPath,
      }),
    ];
  }

  if (isPlaceholderSecret(value)) {
    return [
      finding(n03, {
        check: `${cred}-placeholder`,
        status: "fail",
        severity: "critical",
        message: `The gateway ${cred} is a blank, null or published placeholder value: anyone can guess it (OpenClaw refuses to start with the known ones).`,
        evidence: [shown],
        remediation:
          cred === "token"
            ? "`openclaw doctor --fix --generate-gateway-token`, then restart the gateway."
            : refCmd,
        subject: keyPath,
      }),
    ];
  }

  const out: Finding[] = [];
  // The guide asks for a strong token: a guessable one fails, and is critical once the listener reaches
  // beyond loopback (anyone on the network can try it).
  const weakSeverity = bindExposure(s).exposure === "loopback" ? "high" : "critical";
  if (value.length < MIN_SECRET_CHARS) {
    out.push(
      finding(n03, {
        check: `${cred}-short`,
        status: "fail",
        severity: weakSeverity,
        message: `The gateway ${cred} is ${value.length} characters; use at least ${MIN_SECRET_CHARS} random characters (32 bytes hex is 64).`,
        evidence: [shown],
        remediation:
          cred === "token" ? `\`openclaw doctor --generate-gateway-token\`, or ${refCmd}.` : refCmd,
        subject: `${keyPath}#length`,
      }),
    );
  } else if (isLowEntropy(value)) {
    out.push(
      finding(n03, {
        check: `${cred}-low-entropy`,
        status: "fail",
        severity: weakSeverity,
        message: `The gateway ${cred} has low entropy (${entropyPerChar(value).toFixed(1)} bits/char, ${new Set(value).size} distinct characters): it looks typed, not random.`,
        evidence: [shown],
        remediation:
          cred === "token" ? `\`openclaw doctor --generate-gateway-token\`, or ${refCmd}.` : refCmd,
        subject: `${keyPath}#entropy`,
      }),
    );
  }
  if (!viaEnv) {
    out.push(
      finding(n03, {
        check: `${cred}-plaintext`,
        status: "warn",
        message: `The gateway ${cred} is stored in plaintext in the config; anyone who can read the file (or a backup of it) can take over the gateway.`,
        evidence: [shown],
        remediation: `Move it out of the file: ${refCmd}.`,
        subject: `${keyPath}#plaintext`,
      }),
    );
  }
  if (out.length === 0) {
    out.push(
      finding(n03, {
        check: `${cred}-strong`,
        status: "pass",
        message: `The gateway ${cred} is long and random-looking and comes from the environment.`,
        evidence: [shown],
        subject: keyPath,
      }),
    );
  }
  return out;
}
export const n03: CatalogItem = {
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
      out.push(...credentialFindings(s, "password", true));
    } else if (mode === "token") {
      out.push(...credentialFindings(s, "token", true));
    } else if (mode === undefined) {
      // Unset mode: OpenClaw uses the token when one is configured, else a password when one is.
      const hasToken = cfg(s, "gateway.auth.token") !== undefined || s.envSet.includes(ENV_VAR.token);
      const hasPassword =
        cfg(s, "gateway.auth.password") !== undefined || s.envSet.includes(ENV_VAR.password);
      const tailscaleIdentity =
        cfg(s, "gateway.tailscale.mode") === "serve" && cfg(s, "gateway.auth.allowTailscale") !== false;
      if (!hasToken && hasPassword) out.push(...credentialFindings(s, "password", false));
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
      } else out.push(...credentialFindings(s, "token", false));
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
