import type { Snapshot } from "../model/snapshot.js";
import { secretFingerprint } from "../util/fingerprint.js";
import { finding } from "./finding.js";
import {
  bindExposure,
  entropyPerChar,
  isLowEntropy,
  isPlaceholderSecret,
  MIN_SECRET_CHARS,
} from "./gateway-facts.js";
import { cfg, configEvidence, isObject, manualOrAttested, needsLive, where } from "./helpers.js";
import { withLiveEvidence } from "./live-checks.js";
import type { CatalogItem, Evidence, Finding } from "./types.js";

const BIND_FIX = "openclaw config set gateway.bind loopback";

/**
 * With gateway.mode "remote" this config belongs to a client of a gateway on another host (OpenClaw
 * will not start a local gateway), so the listener items do not apply here.
 */
function remoteClientSkip(item: CatalogItem, s: Snapshot): Finding | undefined {
  if (cfg(s, "gateway.mode") !== "remote") return undefined;
  return finding(item, {
    check: "remote-client",
    status: "skip",
    message:
      'gateway.mode is "remote": this config is a client of a gateway on another host, which OpenClaw does not run here. Audit the gateway host\'s own config.',
    evidence: [configEvidence(s, "gateway.mode"), configEvidence(s, "gateway.remote.url")],
  });
}

// ─── N-01 ───────────────────────────────────────────────────────────────────────────────────────

export const n01: CatalogItem = {
  id: "N-01",
  title: "Bind to loopback",
  category: "network",
  priority: "P0",
  action: 'Set gateway.bind: "loopback"; never bind to 0.0.0.0 or lan',
  verification: "openclaw security audit",
  why: "The gateway is a remote-control endpoint for an agent that runs commands. Bound to loopback, only processes on the same host can reach it; bound to the LAN or 0.0.0.0, anyone who can route to the port can try to log in.",
  openclaw: [
    "gateway.bind_no_auth",
    "gateway.control_ui.allowed_origins_required",
    "gateway.control_ui.allowed_origins_wildcard",
  ],
  openclawOwns: ["gateway.bind_no_auth", "gateway.control_ui.*"],
  fix: "auto",
  needs: ["config"],
  evaluate(s) {
    const remote = remoteClientSkip(n01, s);
    if (remote) return [remote];
    const out: Finding[] = [];
    const bind = cfg(s, "gateway.bind");
    const { exposure, host } = bindExposure(s);
    const bindEv = configEvidence(s, "gateway.bind");
    if (bind === undefined) {
      out.push(
        finding(n01, {
          check: "bind-default",
          status: "warn",
          severity: "low",
          message:
            'gateway.bind is not set. On a host OpenClaw binds to loopback, but inside a container its default is "auto", which listens on 0.0.0.0.',
          evidence: [
            {
              ...bindEv,
              message: 'gateway.bind is unset (default "loopback"; "auto" → 0.0.0.0 in containers)',
            },
          ],
          remediation: `Make it explicit: \`${BIND_FIX}\`.`,
          subject: "gateway.bind",
        }),
      );
    } else if (bind === "loopback") {
      out.push(
        finding(n01, {
          check: "bind-loopback",
          status: "pass",
          message: 'gateway.bind is "loopback": only local processes can reach the gateway.',
          evidence: [bindEv],
          subject: "gateway.bind",
        }),
      );
    } else if (bind === "tailnet") {
      out.push(
        finding(n01, {
          check: "bind-tailnet",
          status: "warn",
          message:
            'gateway.bind is "tailnet": every device on the tailnet can reach the gateway port, and OpenClaw falls back to 0.0.0.0 when no tailnet address and no loopback can be bound.',
          evidence: [bindEv],
          remediation: `Prefer \`${BIND_FIX}\` with \`openclaw config set gateway.tailscale.mode serve\` (Tailscale Serve proxies to loopback).`,
          subject: "gateway.bind",
        }),
      );
    } else if (bind === "custom" && exposure === "loopback") {
      out.push(
        finding(n01, {
          check: "bind-custom-loopback",
          status: "pass",
          message: `gateway.bind is "custom" on the loopback address ${host}.`,
          evidence: [bindEv, configEvidence(s, "gateway.customBindHost")],
          subject: "gateway.bind",
        }),
      );
    } else if (exposure === "network") {
      const detail =
        bind === "lan"
          ? "listens on 0.0.0.0 (every interface)"
          : bind === "auto"
            ? "listens on 0.0.0.0 in containers and whenever loopback cannot be bound"
            : bind === "custom"
              ? `listens on ${host} (a non-loopback address)`
              : "is a host alias OpenClaw's schema rejects; it asks for 0.0.0.0";
      const evidence: Evidence[] = [bindEv];
      if (bind === "custom") evidence.push(configEvidence(s, "gateway.customBindHost"));
      out.push(
        finding(n01, {
          check: `bind-${bind === "lan" || bind === "auto" || bind === "custom" ? bind : "wildcard"}`,
          status: "fail",
          severity: bind === "auto" ? "high" : "critical",
          message: `gateway.bind = ${JSON.stringify(bind)} ${detail}: the gateway is reachable from the network.`,
          evidence,
          remediation: `\`${BIND_FIX}\`, restart the gateway, and reach it remotely through an SSH tunnel or Tailscale Serve (N-04).`,
          subject: "gateway.bind",
        }),
      );
    } else {
      out.push(
        finding(n01, {
          check: "bind-invalid",
          status: "warn",
          message: `gateway.bind = ${JSON.stringify(bind)} is not a bind mode OpenClaw accepts (loopback, lan, tailnet, auto, custom); the gateway will not start with it.`,
          evidence: [bindEv],
          remediation: `\`${BIND_FIX}\``,
          subject: "gateway.bind",
        }),
      );
    }

    const origins = cfg(s, "gateway.controlUi.allowedOrigins");
    if (Array.isArray(origins) && origins.some((o) => typeof o === "string" && o.trim() === "*")) {
      const exposed = exposure !== "loopback";
      out.push(
        finding(n01, {
          check: "control-ui-origins-wildcard",
          status: exposed ? "fail" : "warn",
          severity: exposed ? "critical" : "medium",
          message:
            'gateway.controlUi.allowedOrigins contains "*": any web page may open a Control UI / WebChat connection to the gateway.',
          evidence: [configEvidence(s, "gateway.controlUi.allowedOrigins")],
          remediation:
            "List the exact origins instead: `openclaw config set gateway.controlUi.allowedOrigins '[\"https://control.example.com\"]' --strict-json`.",
          subject: "gateway.controlUi.allowedOrigins",
        }),
      );
    }
    return out;
  },
};

// ─── N-02 ───────────────────────────────────────────────────────────────────────────────────────

export const n02: CatalogItem = {
  id: "N-02",
  title: "Firewall rules",
  category: "network",
  priority: "P0",
  action: "Apply strict firewall rules to port 18789/tcp, allow whitelist IPs only",
  verification: "ufw status / iptables -L",
  why: "A firewall is the second line when the bind setting is wrong or overridden on the command line (`--bind lan`): it keeps the gateway port closed to everyone but the hosts you list.",
  openclaw: [],
  fix: "assisted",
  needs: ["config", "live"],
  evaluate(s) {
    const remote = remoteClientSkip(n02, s);
    if (remote) return [remote];
    const port = typeof cfg(s, "gateway.port") === "number" ? (cfg(s, "gateway.port") as number) : 18789;
    const { exposure, mode } = bindExposure(s);
    if (exposure === "loopback") {
      return [
        finding(n02, {
          check: "loopback-only",
          status: "pass",
          message: `The config binds the gateway to loopback (gateway.bind ${mode}), so port ${port}/tcp is not reachable from other hosts whatever the firewall says. The firewall itself was not read: a \`--bind\` flag or OPENCLAW_GATEWAY_BIND on the running gateway would bypass the config, so confirm with \`clawwarden audit --live\`.`,
          evidence: [configEvidence(s, "gateway.bind"), configEvidence(s, "gateway.port")],
          subject: "gateway.bind",
        }),
      ];
    }
    return [
      {
        ...needsLive(
          n02,
          `the gateway binds beyond loopback (gateway.bind ${mode}); only the host's nftables/iptables/ufw rules can show whether ${port}/tcp is limited to allow-listed sources`,
        ),
        evidence: [configEvidence(s, "gateway.bind"), configEvidence(s, "gateway.port")],
      },
    ];
  },
};

// ─── N-03 ───────────────────────────────────────────────────────────────────────────────────────

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

// ─── N-04 ───────────────────────────────────────────────────────────────────────────────────────

function urlHost(url: string): { protocol: string; host: string } | undefined {
  try {
    const u = new URL(url);
    return { protocol: u.protocol, host: u.hostname.replace(/^\[|\]$/g, "") };
  } catch {
    return undefined;
  }
}

function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}

function isTailnetHost(host: string): boolean {
  if (host.endsWith(".ts.net")) return true;
  const m = /^100\.(\d{1,3})\./.exec(host);
  return m !== null && Number(m[1]) >= 64 && Number(m[1]) <= 127;
}

export const n04: CatalogItem = {
  id: "N-04",
  title: "Use tunnels for remote access",
  category: "network",
  priority: "P0",
  action: "Reach the Gateway via SSH tunnel, Tailscale, or Cloudflare Tunnel — never expose it directly",
  verification: "Confirm no direct public connection",
  why: "A tunnel keeps the gateway on loopback and puts an authenticated, encrypted hop in front of it; a directly exposed port is scanned and brute-forced from the whole network.",
  openclaw: ["gateway.tailscale_funnel", "gateway.tailscale_serve"],
  openclawOwns: [
    "gateway.trusted_proxies_missing",
    "gateway.real_ip_fallback_enabled",
    "gateway.tailscale_funnel",
    "gateway.tailscale_serve",
    "browser.remote_cdp_http",
    "browser.remote_cdp_private_host",
  ],
  fix: "assisted",
  needs: ["config", "live"],
  evaluate(s) {
    const out: Finding[] = [];
    const tailscale = cfg(s, "gateway.tailscale.mode");
    const { exposure, mode: bindMode } = bindExposure(s);

    const remoteMode = cfg(s, "gateway.mode") === "remote";
    // A remote-mode client runs no local gateway: only the way it reaches the remote one matters.
    if (!remoteMode && tailscale === "funnel") {
      out.push(
        finding(n04, {
          check: "tailscale-funnel",
          status: "fail",
          openclawChecks: ["gateway.tailscale_funnel"],
          severity: "critical",
          message:
            'gateway.tailscale.mode is "funnel": Tailscale Funnel publishes the gateway on the public internet.',
          evidence: [configEvidence(s, "gateway.tailscale.mode")],
          remediation:
            "`openclaw config set gateway.tailscale.mode serve` (tailnet only), then restart the gateway.",
          subject: "gateway.tailscale.mode",
        }),
      );
    } else if (!remoteMode && tailscale === "serve") {
      out.push(
        finding(n04, {
          check: "tailscale-serve",
          status: "pass",
          message:
            'Remote access goes through Tailscale Serve (gateway.tailscale.mode "serve"): tailnet only, gateway stays on loopback.',
          evidence: [configEvidence(s, "gateway.tailscale.mode")],
          subject: "gateway.tailscale.mode",
        }),
      );
    }

    if (remoteMode) {
      const url = cfg(s, "gateway.remote.url");
      const transport = cfg(s, "gateway.remote.transport");
      const parsed = typeof url === "string" ? urlHost(url) : undefined;
      const evidence = [
        configEvidence(s, "gateway.remote.url"),
        configEvidence(s, "gateway.remote.transport"),
      ];
      if (transport === "ssh" || (parsed && isLoopbackHost(parsed.host))) {
        out.push(
          finding(n04, {
            check: "remote-tunnel",
            status: "pass",
            message: "This client reaches its remote gateway through an SSH tunnel / loopback forward.",
            evidence,
            subject: "gateway.remote",
          }),
        );
      } else if (parsed && isTailnetHost(parsed.host)) {
        out.push(
          finding(n04, {
            check: "remote-tailnet",
            status: "pass",
            message: `This client reaches its remote gateway over the tailnet (${parsed.host}).`,
            evidence,
            subject: "gateway.remote",
          }),
        );
      } else if (parsed) {
        const plain = parsed.protocol === "ws:" || parsed.protocol === "http:";
        out.push(
          finding(n04, {
            check: plain ? "remote-direct-plaintext" : "remote-direct",
            status: plain ? "fail" : "warn",
            severity: plain ? "high" : "medium",
            message: `This client connects directly to the remote gateway at ${parsed.host}${plain ? " over unencrypted ws://" : ""}: the remote gateway is exposed to the network rather than behind a tunnel.`,
            evidence,
            remediation:
              "Keep the remote gateway on loopback and use `openclaw config set gateway.remote.transport ssh` (or Tailscale Serve) instead of a direct connection.",
            subject: "gateway.remote",
          }),
        );
      } else {
        out.push(
          finding(n04, {
            check: "remote-unset",
            status: "warn",
            severity: "low",
            message: 'gateway.mode is "remote" but gateway.remote.url is missing or not a URL.',
            evidence,
            remediation:
              "Set gateway.remote.url to the tunnel endpoint (e.g. ws://127.0.0.1:18789 over `ssh -L`).",
            subject: "gateway.remote",
          }),
        );
      }
    }

    if (remoteMode) return out;
    if (exposure === "network") {
      out.push(
        finding(n04, {
          check: "direct-exposure",
          status: "fail",
          message: `The gateway listens on the network (gateway.bind ${bindMode}) instead of loopback behind a tunnel.`,
          evidence: [configEvidence(s, "gateway.bind")],
          remediation: `\`${BIND_FIX}\`, then use \`ssh -N -L 18789:127.0.0.1:18789 <host>\`, Tailscale Serve (\`openclaw config set gateway.tailscale.mode serve\`) or a Cloudflare Tunnel for remote access.`,
          subject: "gateway.bind",
        }),
      );
    } else if (exposure === "tailnet" && tailscale !== "funnel") {
      out.push(
        finding(n04, {
          check: "tailnet-bind",
          status: "pass",
          message:
            "The gateway is reachable over the tailnet only (gateway.bind tailnet); Tailscale is the tunnel.",
          evidence: [configEvidence(s, "gateway.bind")],
          subject: "gateway.bind",
        }),
      );
    } else if (exposure === "loopback" && tailscale !== "funnel" && tailscale !== "serve") {
      out.push(
        finding(n04, {
          check: "loopback-no-direct",
          status: "pass",
          message:
            "The config exposes nothing directly: the gateway is on loopback, so remote clients need a tunnel. SSH or cloudflared tunnels and published container ports are only visible with `clawwarden audit --live`.",
          evidence: [configEvidence(s, "gateway.bind"), configEvidence(s, "gateway.tailscale.mode")],
          subject: "gateway.bind",
        }),
      );
    } else if (exposure === "unknown" && out.length === 0) {
      out.push({
        ...needsLive(
          n04,
          "gateway.bind has an unrecognised value; the listening sockets show the real exposure",
        ),
      });
    }
    return out;
  },
};

// ─── N-05 ───────────────────────────────────────────────────────────────────────────────────────

export const n05: CatalogItem = {
  id: "N-05",
  title: "Disable mDNS",
  category: "network",
  priority: "P0",
  action: "Disable mDNS service discovery to keep the Agent invisible on the LAN",
  verification: "Network scan",
  why: "mDNS (Bonjour) announces the gateway, its port and — in full mode — the CLI path and SSH port to everyone on the local network, which is a free map for an attacker on the same Wi-Fi.",
  openclaw: ["discovery.mdns_full_mode"],
  openclawOwns: ["discovery.*"],
  fix: "auto",
  needs: ["config"],
  evaluate(s) {
    const remote = remoteClientSkip(n05, s);
    if (remote) return [remote];
    const mode = cfg(s, "discovery.mdns.mode");
    const modeEv = configEvidence(s, "discovery.mdns.mode");
    const fix = "`openclaw config set discovery.mdns.mode off` (or `openclaw plugins disable bonjour`)";
    const out: Finding[] = [];
    const wideArea = cfg(s, "discovery.wideArea.domain");
    if (typeof wideArea === "string" && wideArea.trim()) {
      out.push(
        finding(n05, {
          check: "wide-area",
          status: "warn",
          severity: "low",
          message: `Wide-area DNS-SD publishes the gateway beacon in ${wideArea}; discovery.mdns.mode does not stop it.`,
          evidence: [configEvidence(s, "discovery.wideArea.domain")],
          remediation:
            "`openclaw config unset discovery.wideArea.domain` unless cross-network discovery is needed.",
          subject: "discovery.wideArea.domain",
        }),
      );
    }

    if (s.envSet.includes("OPENCLAW_DISABLE_BONJOUR")) {
      out.push(
        mode === "full"
          ? finding(n05, {
              check: "env-masks-full",
              status: "warn",
              severity: "low",
              message:
                'OPENCLAW_DISABLE_BONJOUR is set, so nothing is advertised now, but discovery.mdns.mode is "full": drop the variable (or run the gateway from another shell or service) and the beacon publishes the CLI path and SSH port.',
              evidence: [{ message: "OPENCLAW_DISABLE_BONJOUR is set", source: "host" }, modeEv],
              remediation: fix,
              subject: "mdns",
            })
          : finding(n05, {
              check: "env-disabled",
              status: "pass",
              message:
                "OPENCLAW_DISABLE_BONJOUR is set in the audited environment: LAN multicast advertising is off whatever the config says.",
              evidence: [{ message: "OPENCLAW_DISABLE_BONJOUR is set", source: "host" }, modeEv],
              subject: "mdns",
            }),
      );
      return out;
    }
    if (mode === "full") {
      const exposed = bindExposure(s).exposure !== "loopback";
      out.push(
        finding(n05, {
          check: "mdns-full",
          status: "fail",
          openclawChecks: ["discovery.mdns_full_mode"],
          severity: exposed ? "critical" : "high",
          message: `discovery.mdns.mode is "full": the LAN beacon also publishes the CLI path and SSH port${exposed ? ", and the gateway itself listens beyond loopback" : ""}.`,
          evidence: [modeEv, configEvidence(s, "gateway.bind")],
          remediation: fix,
          subject: "discovery.mdns.mode",
        }),
      );
      return out;
    }
    if (mode === "off") {
      out.push(
        finding(n05, {
          check: "mdns-off",
          status: "pass",
          message: 'discovery.mdns.mode is "off": no LAN multicast advertising.',
          evidence: [modeEv],
          subject: "discovery.mdns.mode",
        }),
      );
      return out;
    }
    const pluginsOff = cfg(s, "plugins.enabled") === false;
    const bonjour = cfg(s, "plugins.entries.bonjour.enabled");
    if (pluginsOff || bonjour === false) {
      out.push(
        finding(n05, {
          check: "bonjour-disabled",
          status: "pass",
          message: `The bundled bonjour plugin that advertises on the LAN is disabled (${pluginsOff ? "plugins.enabled false" : "plugins.entries.bonjour.enabled false"}).`,
          evidence: [
            configEvidence(s, pluginsOff ? "plugins.enabled" : "plugins.entries.bonjour.enabled"),
            modeEv,
          ],
          subject: "mdns",
        }),
      );
      return out;
    }
    const macHost = s.locator.home.startsWith("/Users/");
    if (bonjour === true || macHost) {
      out.push(
        finding(n05, {
          check: "mdns-minimal",
          status: "warn",
          message: `The gateway advertises itself on the LAN over mDNS (discovery.mdns.mode ${mode === undefined ? "unset → minimal" : JSON.stringify(mode)}; ${bonjour === true ? "bonjour plugin enabled" : "the bonjour plugin auto-starts on macOS"}). Minimal mode hides the CLI path and SSH port, but the guide asks for no advertising at all.`,
          evidence: [modeEv, configEvidence(s, "plugins.entries.bonjour.enabled")],
          remediation: fix,
          subject: "discovery.mdns.mode",
        }),
      );
      return out;
    }
    out.push(
      finding(n05, {
        check: "bonjour-not-enabled",
        status: "pass",
        message:
          "The bonjour plugin is not enabled: on Linux, Windows and in containers OpenClaw only advertises over mDNS when it is (it auto-starts on macOS). Set discovery.mdns.mode off to keep it that way if the plugin is ever enabled.",
        evidence: [modeEv, configEvidence(s, "plugins.entries.bonjour.enabled")],
        subject: "mdns",
      }),
    );
    return out;
  },
};

// ─── N-06 ───────────────────────────────────────────────────────────────────────────────────────

const ROTATION_DAYS = 90;
const DAY_MS = 86_400_000;

export const n06: CatalogItem = {
  id: "N-06",
  title: "Rotate tokens regularly",
  category: "network",
  priority: "P0",
  action: "Periodically rotate gateway.auth.token",
  verification: "Audit log review",
  why: "A token that never changes stays valid in every backup, shell history and leaked config forever; rotation bounds how long a stolen token works.",
  openclaw: [],
  fix: "assisted",
  needs: ["config", "state"],
  evaluate(s) {
    const remote = remoteClientSkip(n06, s);
    if (remote) return [remote];
    if (cfg(s, "gateway.auth.mode") === "none" || cfg(s, "gateway.auth.mode") === "trusted-proxy") {
      return [
        finding(n06, {
          check: "no-shared-secret",
          status: "skip",
          message: `gateway.auth.mode is ${JSON.stringify(cfg(s, "gateway.auth.mode"))}: there is no gateway token to rotate (see N-03).`,
          evidence: [configEvidence(s, "gateway.auth.mode")],
        }),
      ];
    }
    if (!s.rotations.known) {
      return [
        finding(n06, {
          check: "rotation-log-unreadable",
          status: "unknown",
          message: `The rotation log could not be read: ${s.rotations.reason}`,
        }),
      ];
    }
    const entries = s.rotations.value
      .filter((r) => /^gateway\.auth\.(token|password)$/.test(r.target) && !Number.isNaN(Date.parse(r.at)))
      .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    const last = entries[0];
    const rotateCmd = "`clawwarden rotate gateway-token` (new token from the OS CSPRNG, rotation logged)";
    if (!last) {
      const attested = s.clawwarden.attestations.some((a) => a.id.toUpperCase() === n06.id);
      if (attested) {
        return [manualOrAttested(n06, s, `rotate the gateway token at least every ${ROTATION_DAYS} days`)];
      }
      return [
        finding(n06, {
          check: "no-rotation-recorded",
          status: "warn",
          severity: "medium",
          message: `No rotation of the gateway token has been recorded, so its age is unknown. Rotate it at least every ${ROTATION_DAYS} days.`,
          remediation: `${rotateCmd}; if you rotate it another way, attest it in clawwarden.json with an expiry.`,
          subject: "gateway.auth.token",
        }),
      ];
    }
    const ageDays = Math.floor((Date.parse(s.takenAt) - Date.parse(last.at)) / DAY_MS);
    const evidence: Evidence[] = [
      {
        message: `last rotation of ${last.target} on ${last.at}${last.by ? ` by ${last.by}` : ""} (${ageDays} days ago)`,
        source: "state",
        keyPath: last.target,
        value: last.fingerprint,
      },
    ];
    const current = cfg(s, last.target);
    if (typeof current === "string" && last.fingerprint && secretFingerprint(current) !== last.fingerprint) {
      evidence.push({
        message: `the ${last.target} in the config no longer matches the one recorded at that rotation (changed since, date unknown)`,
        source: "config",
        keyPath: last.target,
        location: where(s, last.target),
        value: secretFingerprint(current),
      });
    }
    if (ageDays > ROTATION_DAYS) {
      return [
        finding(n06, {
          check: "rotation-overdue",
          status: "fail",
          severity: "medium",
          message: `The gateway token was last rotated ${ageDays} days ago (limit ${ROTATION_DAYS}).`,
          evidence,
          remediation: rotateCmd,
          subject: last.target,
        }),
      ];
    }
    return [
      finding(n06, {
        check: "rotation-recent",
        status: "pass",
        message: `The gateway token was rotated ${ageDays} days ago (limit ${ROTATION_DAYS}).`,
        evidence,
        subject: last.target,
      }),
    ];
  },
};

/** With --live the host facts join each item's config findings (src/catalog/live-checks.ts). */
export const networkItems: CatalogItem[] = [n01, n02, n03, n04, n05, n06].map(withLiveEvidence);

export {
  type BindExposure,
  bindExposure,
  entropyPerChar,
  isLowEntropy,
  isPlaceholderSecret,
} from "./gateway-facts.js";
