import { n03 } from "../../../src/catalog/network.js";
import { secretFingerprint } from "../../../src/util/fingerprint.js";
import { configSnapshot, runCases, SAMPLES_DIR } from "../check-tester.js";
import { CONFIG, conf, hardened, insecure, STRONG, tokenAt } from "../helpers/network.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(n03, [
  {
    name: "auth mode none fails critical",
    output: true,
    snapshot: conf({ gateway: { auth: { mode: "none" } } }),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["auth-none"],
      remediationIncludes: "gateway.auth.mode token",
    },
  },
  {
    name: "no token anywhere fails (OpenClaw: gateway.loopback_no_auth)",
    snapshot: conf({}),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["token-missing"],
      evidenceIncludes: "OPENCLAW_GATEWAY_TOKEN is not set",
    },
  },
  {
    name: "token from OPENCLAW_GATEWAY_TOKEN passes",
    snapshot: snapshot({ envSet: ["OPENCLAW_GATEWAY_TOKEN"] }),
    expect: { status: "pass", checks: ["token-env"] },
  },
  {
    name: "placeholder token fails critical and is never shown",
    snapshot: conf({ gateway: { auth: { mode: "token", token: "change-me-now" } } }, tokenAt),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["token-placeholder"],
      evidenceIncludes: `${CONFIG}:7`,
      nowhere: "change-me-now",
    },
  },
  {
    name: "short plaintext token fails (high on loopback), shows only a fingerprint",
    output: true,
    snapshot: conf({ gateway: { auth: { mode: "token", token: "s3cr3tX" } } }, tokenAt),
    expect: {
      status: "fail",
      severity: "high",
      checks: ["token-short", "token-plaintext"],
      evidenceIncludes: [secretFingerprint("s3cr3tX"), "7 characters"],
      nowhere: "s3cr3tX",
    },
  },
  {
    name: "long but low-entropy token fails, critical when the gateway listens on the network",
    output: true,
    snapshot: conf({ gateway: { bind: "lan", auth: { token: "abcabcabcabcabcabcabcabcabcabc" } } }),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["token-low-entropy", "token-plaintext"],
      nowhere: "abcabcabcabcabcabcabcabcabcabc",
    },
  },
  {
    name: "strong plaintext token warns only about plaintext",
    snapshot: conf({ gateway: { auth: { token: STRONG } } }),
    expect: {
      status: "warn",
      checks: ["token-plaintext"],
      absentChecks: ["token-short", "token-low-entropy"],
      remediationIncludes: "--ref-source env --ref-id OPENCLAW_GATEWAY_TOKEN",
      nowhere: STRONG,
    },
  },
  {
    name: "strong token substituted from an env placeholder passes",
    snapshot: snapshot({
      config: {
        value: { gateway: { auth: { token: STRONG } } },
        envSubstituted: { "gateway.auth.token": ["GW_TOKEN"] },
      },
    }),
    expect: { status: "pass", checks: ["token-strong"], nowhere: STRONG },
  },
  {
    name: "an unresolved env placeholder warns",
    snapshot: conf({ gateway: { auth: { token: `$${"{"}GW_TOKEN}` } } }),
    expect: { status: "warn", checks: ["token-env-unset"], messageIncludes: "GW_TOKEN" },
  },
  {
    name: "env SecretRef with the variable set passes",
    snapshot: snapshot({
      envSet: ["OPENCLAW_GATEWAY_TOKEN"],
      config: {
        value: {
          gateway: { auth: { token: { source: "env", provider: "default", id: "OPENCLAW_GATEWAY_TOKEN" } } },
        },
      },
    }),
    expect: { status: "pass", checks: ["token-secretref"] },
  },
  {
    name: "env SecretRef with the variable unset warns (OpenClaw: gateway.http.no_auth warn)",
    snapshot: conf({
      gateway: {
        auth: { mode: "token", token: { source: "env", provider: "default", id: "OPENCLAW_GATEWAY_TOKEN" } },
      },
    }),
    expect: { status: "warn", checks: ["token-ref-env-unset"] },
  },
  {
    name: "an env SecretRef outside OPENCLAW_* is not claimed to be unset",
    snapshot: conf({ gateway: { auth: { token: { source: "env", provider: "default", id: "GW_TOKEN" } } } }),
    expect: {
      status: "pass",
      checks: ["token-secretref"],
      messageIncludes: "whether GW_TOKEN is set was not checked",
    },
  },
  {
    name: "the $VAR shorthand for OPENCLAW_GATEWAY_TOKEN, unset, warns",
    snapshot: conf({ gateway: { auth: { token: "$OPENCLAW_GATEWAY_TOKEN" } } }),
    expect: { status: "warn", checks: ["token-env-unset"] },
  },
  {
    name: "the $VAR shorthand, set, passes",
    snapshot: snapshot({
      envSet: ["OPENCLAW_GATEWAY_TOKEN"],
      config: { value: { gateway: { auth: { token: "$OPENCLAW_GATEWAY_TOKEN" } } } },
    }),
    expect: { status: "pass", checks: ["token-env"], messageIncludes: "which is set" },
  },
  {
    name: "file SecretRef passes without resolving",
    snapshot: conf({ gateway: { auth: { token: { source: "file", provider: "vault", id: "/gw/token" } } } }),
    expect: { status: "pass", checks: ["token-secretref"] },
  },
  {
    name: "password mode with a short plaintext password fails",
    snapshot: conf({ gateway: { auth: { mode: "password", password: "hunter2hunter" } } }),
    expect: { status: "fail", checks: ["password-short", "password-plaintext"], nowhere: "hunter2hunter" },
  },
  {
    name: "password mode without a password fails",
    snapshot: conf({ gateway: { auth: { mode: "password" } } }),
    expect: { status: "fail", checks: ["password-missing"] },
  },
  {
    name: "unset mode with only a password env var uses the password",
    snapshot: snapshot({ envSet: ["OPENCLAW_GATEWAY_PASSWORD"] }),
    expect: { status: "pass", checks: ["password-env"] },
  },
  {
    name: "trusted-proxy without proxies fails",
    snapshot: conf({ gateway: { auth: { mode: "trusted-proxy" } } }),
    expect: { status: "fail", checks: ["trusted-proxy-incomplete"] },
  },
  {
    name: "complete trusted-proxy setup warns to verify the proxy",
    snapshot: conf({
      gateway: {
        trustedProxies: ["10.0.0.2"],
        auth: { mode: "trusted-proxy", trustedProxy: { userHeader: "x-user" } },
      },
    }),
    expect: { status: "warn", severity: "medium", checks: ["trusted-proxy"] },
  },
  {
    name: "lan bind with a strong env token but no rate limit warns",
    snapshot: snapshot({
      envSet: ["OPENCLAW_GATEWAY_TOKEN"],
      config: { value: { gateway: { bind: "lan" } } },
    }),
    expect: {
      status: "warn",
      checks: ["token-env", "no-rate-limit"],
      remediationIncludes: "gateway.auth.rateLimit",
    },
  },
  {
    name: "a hooks token equal to the gateway token fails critical, fingerprints only",
    snapshot: conf({
      gateway: { auth: { mode: "token", token: STRONG } },
      hooks: { enabled: true, token: STRONG },
    }),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["hooks-token-reused", "token-plaintext"],
      nowhere: STRONG,
    },
  },
  {
    name: "an invalid auth mode fails",
    snapshot: conf({ gateway: { auth: { mode: "basic" } } }),
    expect: { status: "fail", checks: ["auth-mode-invalid"] },
  },
  {
    name: "real insecure config fails on auth none",
    snapshot: insecure(),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["auth-none"],
      evidenceIncludes: "config-insecure.json:6",
    },
  },
  {
    name: "real hardened config passes (env SecretRef, variable set)",
    snapshot: hardened(),
    expect: { status: "pass", checks: ["token-secretref"], nowhere: STRONG },
  },
  {
    name: "real hardened config without the variable warns like OpenClaw does",
    snapshot: configSnapshot(`${SAMPLES_DIR}/config-hardened.json`),
    expect: { status: "warn", checks: ["token-ref-env-unset"] },
  },
]);
