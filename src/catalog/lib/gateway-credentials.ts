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
import { cfg, isObject, where } from "../helpers.js";
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
export type Credential = "token" | "password";
export const ENV_VAR: Record<Credential, string> = {
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
export function credentialFindings(
  item: CatalogItem,
  s: Snapshot,
  cred: Credential,
  explicitMode: boolean,
): Finding[] {
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
        finding(item, {
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
      finding(item, {
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
        finding(item, {
          check: `${cred}-env`,
          status: "pass",
          message: `gateway.auth.${cred} is not in the config; OpenClaw takes it from ${envVar}, which is set. Its strength is not visible to the audit.`,
          evidence: [{ message: `${envVar} is set in the environment`, source: "host", keyPath }],
          subject: keyPath,
        }),
      ];
    }
    return [
      finding(item, {
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
      finding(item, {
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
        finding(item, {
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
      finding(item, {
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
      finding(item, {
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
      finding(item, {
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
      finding(item, {
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
      finding(item, {
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
      finding(item, {
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
