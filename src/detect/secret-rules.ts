/**
 * Secret rules in the gitleaks style: a cheap literal keyword that must occur, then a regex run
 * only in a small window around that keyword, then optional entropy and allowlist checks.
 *
 * Regexes here must stay linear: every repetition is bounded or over a character class that the
 * following token cannot also match, so no nested or overlapping quantifiers.
 */
import { shannonEntropy } from "../util/entropy.js";

export { shannonEntropy };
export type Confidence = "high" | "medium" | "low";

export interface SecretRule {
  id: string;
  description: string;
  /** Literals that must occur for the rule to run; the regex starts its search near them. */
  keywords: string[];
  /** Keywords matched case-insensitively (lower-case here). */
  ignoreCase?: boolean;
  /** Global regex; the secret is the group named `secret` (else the whole match). */
  pattern: RegExp;
  /** Characters before the keyword where a match may start (0 = the match starts at the keyword). */
  before?: number;
  /** The match starts exactly at the keyword (default when `before` is 0); false searches the window. */
  anchored?: boolean;
  /** Characters after the keyword the window extends to (the longest secret this rule matches). */
  after?: number;
  /** Minimum Shannon entropy (bits per char) of the secret. */
  minEntropy?: number;
  confidence: Confidence;
  /** Extra check on the secret and the full match; false drops the candidate. */
  validate?: (secret: string, match: RegExpExecArray) => boolean;
  /** The keyword must be followed by `name? quote? (:|=)`: checked with a cheap scan before the regex. */
  assignment?: boolean;
  /** Canonical form of the secret for its fingerprint (e.g. a PEM body without line breaks). */
  normalize?: (secret: string) => string;
  /** Skip the generic placeholder allowlist (for rules whose own shape already excludes examples). */
  noPlaceholderCheck?: boolean;
}

// Boundaries: a token must not be glued to a preceding letter/digit or followed by more token chars.
// A JSON string escape (`\\n`, `\\t`) before a token counts as a boundary: transcripts are JSON-escaped text.
const B = "(?:(?<![A-Za-z0-9])|(?<=\\\\[nrt]))";
const E = "(?![A-Za-z0-9_-])";

const DATABASE_SCHEME =
  /^(?:mongodb(?:\+srv)?|mysql|mariadb|postgres(?:ql)?|redis|rediss|amqps?|mssql|sqlserver|jdbc|clickhouse)$/;
const DB_PLACEHOLDER_PASSWORD = /^(?:password|mypassword|passwd|pass|secret|changeme|pwd)$/i;
const URL_PLACEHOLDER_PASSWORD = /^(?:password|mypassword|passwd|changeme)$/i;

const privateKeyBody = "[A-Za-z0-9+/=\\s\\\\n\"',:-]{32,16384}?";

export const SECRET_RULES: SecretRule[] = [
  {
    id: "aws-access-key-id",
    description: "AWS access key ID",
    keywords: ["AKIA", "ASIA", "ABIA", "ACCA", "A3T"],
    pattern: new RegExp(`${B}(?<secret>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Za-z0-9])`, "g"),
    after: 24,
    confidence: "high",
    noPlaceholderCheck: true,
  },
  {
    id: "aws-secret-access-key",
    assignment: true,
    description: "AWS secret access key",
    keywords: ["aws", "secret_access_key", "secretaccesskey"],
    ignoreCase: true,
    pattern:
      /(?:aws)?[_.-]?(?:secret)[_.-]?(?:access)?[_.-]?key[A-Za-z_]{0,12}\\?["']?\s{0,4}(?:=>|:=|[:=])\s{0,4}\\?["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    after: 120,
    confidence: "high",
    noPlaceholderCheck: true,
    minEntropy: 3.5,
  },
  {
    id: "gcp-service-account-key",
    description: "GCP service account private key (JSON)",
    normalize: pemBody,
    keywords: ['"service_account"', '\\"service_account\\"'],
    pattern:
      /\\?"type\\?"\s{0,4}:\s{0,4}\\?"service_account\\?"[\s\S]{0,4096}?\\?"private_key\\?"\s{0,4}:\s{0,4}\\?"(?<secret>-----BEGIN[A-Z ]{0,20}PRIVATE KEY-----[A-Za-z0-9+/=\\\s]{64,8192}?-----END)/g,
    before: 12,
    after: 12288,
    confidence: "high",
  },
  {
    id: "private-key",
    description: "Private key (PEM / OpenSSH)",
    normalize: pemBody,
    keywords: ["-----BEGIN"],
    pattern: new RegExp(
      `-----BEGIN[ A-Z0-9]{0,24}PRIVATE KEY(?: BLOCK)?-----(?<secret>${privateKeyBody})-----END[ A-Z0-9]{0,24}PRIVATE KEY`,
      "g",
    ),
    after: 16500,
    confidence: "high",
    validate: (body) => {
      const b64 = body.replace(/\\n|\\r|[\s"',:]|^[A-Za-z-]+:.*$/gm, "");
      if (b64.length < 32 || /^(?:x+|\*+|\.+)$/i.test(b64) || shannonEntropy(b64) <= 3.5) return false;
      // A base64 body that decodes to "abcdef…" is a documentation placeholder.
      return !isSequential(Buffer.from(b64, "base64").toString("latin1"));
    },
  },
  {
    id: "github-token",
    description: "GitHub token",
    keywords: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
    pattern: new RegExp(`${B}(?<secret>gh[pousr]_[A-Za-z0-9_]{36,255})${E}`, "g"),
    after: 270,
    confidence: "high",
  },
  {
    id: "github-app-installation-token",
    description: "GitHub App installation token (JWT form)",
    keywords: ["ghs_"],
    pattern: new RegExp(
      `${B}(?<secret>ghs_[0-9]{1,12}_[A-Za-z0-9_-]{10,1024}\\.[A-Za-z0-9_-]{10,1024}\\.[A-Za-z0-9_-]{10,1024})`,
      "g",
    ),
    after: 3100,
    confidence: "high",
  },
  {
    id: "github-fine-grained-pat",
    description: "GitHub fine-grained personal access token",
    keywords: ["github_pat_"],
    pattern: new RegExp(`${B}(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})${E}`, "g"),
    after: 100,
    confidence: "high",
  },
  {
    id: "gitlab-token",
    description: "GitLab access token",
    keywords: ["glpat-", "gldt-", "glptt-", "glrt-", "gloas-", "glcbt-", "glft-"],
    pattern: new RegExp(`${B}(?<secret>gl(?:pat|dt|ptt|rt|oas|cbt|ft)-[A-Za-z0-9_-]{20,64})${E}`, "g"),
    after: 80,
    confidence: "high",
  },
  {
    id: "npm-token",
    description: "npm access token",
    keywords: ["npm_"],
    pattern: new RegExp(`${B}(?<secret>npm_[A-Za-z0-9]{36})${E}`, "g"),
    after: 44,
    confidence: "high",
  },
  {
    id: "npmrc-auth-token",
    description: "npm registry auth in .npmrc (_authToken / _auth / _password)",
    keywords: ["_authToken", "_auth", "_password"],
    pattern: /:_(?:authToken|auth|password)\s{0,4}=\s{0,4}["']?(?<secret>[A-Za-z0-9+/=._~-]{8,512})/g,
    before: 2,
    after: 600,
    confidence: "high",
  },
  {
    id: "git-url-oauth-token",
    description: "Token in a git URL (x-oauth-basic)",
    keywords: ["x-oauth-basic"],
    pattern: /\/\/(?<secret>[A-Za-z0-9_-]{20,255}):x-oauth-basic@/g,
    before: 260,
    after: 20,
    confidence: "high",
  },
  {
    id: "slack-token",
    description: "Slack token",
    keywords: ["xoxb-", "xoxp-", "xoxa-", "xoxo-", "xoxr-", "xoxs-", "xoxe-", "xoxe."],
    pattern: new RegExp(`${B}(?<secret>xox(?:[bpaors]|e\\.xox[bp]|e)-[0-9A-Za-z-]{10,250})${E}`, "g"),
    after: 270,
    confidence: "high",
  },
  {
    id: "slack-app-token",
    description: "Slack app-level token",
    keywords: ["xapp-"],
    pattern: new RegExp(`${B}(?<secret>xapp-\\d-[A-Z0-9]{1,16}-\\d{1,20}-[a-z0-9]{32,96})${E}`, "g"),
    after: 160,
    confidence: "high",
  },
  {
    id: "slack-webhook",
    description: "Slack incoming webhook URL",
    keywords: ["hooks.slack.com/"],
    pattern:
      /hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<secret>[A-Za-z0-9_]{6,16}\/[A-Za-z0-9_]{6,16}\/[A-Za-z0-9_]{10,48})/g,
    after: 140,
    confidence: "high",
    validate: (s) => !/^[TBX/]*$/.test(s.replace(/X/g, "")),
  },
  {
    id: "stripe-secret-key",
    description: "Stripe secret or restricted key",
    keywords: ["sk_live_", "sk_test_", "rk_live_", "rk_test_"],
    pattern: new RegExp(`${B}(?<secret>[sr]k_(?:live|test)_[A-Za-z0-9]{24,247})${E}`, "g"),
    after: 260,
    confidence: "high",
    noPlaceholderCheck: true,
  },
  {
    id: "sendgrid-api-key",
    description: "SendGrid API key",
    keywords: ["SG."],
    pattern: /(?<![A-Za-z0-9])(?<secret>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g,
    after: 70,
    confidence: "high",
  },
  {
    id: "shopify-token",
    description: "Shopify access token or shared secret",
    keywords: ["shpat_", "shpca_", "shppa_", "shpss_"],
    pattern: new RegExp(
      `${B}(?<secret>shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}|shp(?:at|ca|pa|ss)_[A-Za-z0-9]{32,40})${E}`,
      "g",
    ),
    after: 50,
    confidence: "high",
  },
  {
    id: "anthropic-api-key",
    description: "Anthropic API key",
    keywords: ["sk-ant-"],
    pattern: new RegExp(`${B}(?<secret>sk-ant-(?:api03|admin01|oat01|ort01)-[A-Za-z0-9_-]{80,120})${E}`, "g"),
    after: 140,
    confidence: "high",
  },
  {
    id: "openai-api-key",
    description: "OpenAI API key",
    keywords: ["T3BlbkFJ"],
    pattern: new RegExp(
      `${B}(?<secret>sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,156}T3BlbkFJ[A-Za-z0-9_-]{20,156})${E}`,
      "g",
    ),
    before: 180,
    after: 170,
    confidence: "high",
  },
  {
    id: "groq-api-key",
    description: "Groq API key",
    keywords: ["gsk_"],
    pattern: new RegExp(`${B}(?<secret>gsk_[A-Za-z0-9]{52})${E}`, "g"),
    after: 60,
    confidence: "high",
  },
  {
    id: "xai-api-key",
    description: "xAI API key",
    keywords: ["xai-"],
    pattern: new RegExp(`${B}(?<secret>xai-[A-Za-z0-9]{80})${E}`, "g"),
    after: 90,
    confidence: "high",
  },
  {
    id: "openrouter-api-key",
    description: "OpenRouter API key",
    keywords: ["sk-or-v1-"],
    pattern: new RegExp(`${B}(?<secret>sk-or-v1-[a-f0-9]{64})${E}`, "g"),
    after: 80,
    confidence: "high",
  },
  {
    id: "google-api-key",
    description: "Google API key",
    keywords: ["AIza"],
    pattern: new RegExp(`${B}(?<secret>AIza[A-Za-z0-9_-]{35})${E}`, "g"),
    after: 45,
    confidence: "high",
  },
  {
    id: "google-oauth-refresh-token",
    description: "Google OAuth refresh token",
    keywords: ["1//0"],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>1\/\/0[A-Za-z0-9_-]{40,512})(?![A-Za-z0-9_-])/g,
    after: 520,
    minEntropy: 3.5,
    confidence: "high",
  },
  {
    id: "huggingface-token",
    description: "Hugging Face access token",
    keywords: ["hf_", "api_org_"],
    pattern: new RegExp(`${B}(?<secret>hf_[A-Za-z]{34}|api_org_[A-Za-z]{34})(?![A-Za-z0-9_-])`, "g"),
    after: 45,
    confidence: "high",
  },
  {
    id: "linear-api-key",
    description: "Linear API key",
    keywords: ["lin_api_"],
    pattern: new RegExp(`${B}(?<secret>lin_api_[A-Za-z0-9]{40,48})${E}`, "g"),
    after: 50,
    confidence: "high",
    noPlaceholderCheck: true,
  },
  {
    id: "notion-token",
    description: "Notion integration token",
    keywords: ["ntn_"],
    pattern: new RegExp(`${B}(?<secret>ntn_[0-9]{11}[A-Za-z0-9]{35})${E}`, "g"),
    after: 52,
    confidence: "high",
  },
  {
    id: "figma-token",
    description: "Figma personal access token",
    keywords: ["figd_"],
    pattern: new RegExp(`${B}(?<secret>figd_[A-Za-z0-9_-]{40,60})${E}`, "g"),
    after: 70,
    confidence: "high",
  },
  {
    id: "1password-service-account-token",
    description: "1Password service account token",
    keywords: ["ops_eyJ"],
    pattern: new RegExp(`${B}(?<secret>ops_eyJ[A-Za-z0-9+/=_-]{250,})`, "g"),
    after: 4096,
    confidence: "high",
  },
  {
    id: "databricks-token",
    description: "Databricks personal access token",
    keywords: ["dapi"],
    pattern: new RegExp(`${B}(?<secret>dapi[a-fA-F0-9]{32}(?:-\\d)?)${E}`, "g"),
    after: 40,
    confidence: "high",
    noPlaceholderCheck: true,
  },
  {
    id: "grafana-token",
    description: "Grafana cloud API or service account token",
    keywords: ["glc_", "glsa_"],
    pattern: new RegExp(
      `${B}(?<secret>glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})${E}`,
      "g",
    ),
    after: 410,
    confidence: "high",
  },
  {
    id: "vault-token",
    description: "HashiCorp Vault token",
    keywords: ["hvs.", "hvb.", "hvr."],
    pattern: new RegExp(`${B}(?<secret>hv[sbr]\\.[A-Za-z0-9_-]{24,255})${E}`, "g"),
    after: 270,
    confidence: "high",
  },
  {
    id: "cloudflare-api-token",
    description: "Cloudflare API token",
    keywords: ["cfat_", "cfut_", "cfk_"],
    pattern: new RegExp(`${B}(?<secret>cf(?:at|ut|k)_[A-Za-z0-9]{40}[a-f0-9]{8})${E}`, "g"),
    after: 60,
    confidence: "high",
    noPlaceholderCheck: true,
  },
  {
    id: "cloudflare-api-key-assignment",
    assignment: true,
    description: "Cloudflare API token/key assigned to a Cloudflare variable",
    keywords: ["cloudflare", "cf_api", "cf_token"],
    ignoreCase: true,
    pattern:
      /(?:cloudflare|cf)[_-]?(?:api)?[_-]?(?:token|key)\\?["']?\s{0,4}(?:=|:)\s{0,4}\\?["']?(?<secret>[A-Za-z0-9_-]{37,40})(?![A-Za-z0-9_-])/gi,
    after: 90,
    minEntropy: 3.5,
    confidence: "high",
  },
  {
    id: "docker-pat",
    description: "Docker Hub personal access token",
    keywords: ["dckr_pat_", "dckr_oat_"],
    pattern: new RegExp(`${B}(?<secret>dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,32})${E}`, "g"),
    after: 45,
    confidence: "high",
  },
  {
    id: "docker-config-auth",
    description: "Docker config.json registry auth",
    keywords: ['"auth"', '\\"auth\\"'],
    pattern: /\\?"auth\\?"\s{0,4}:\s{0,4}\\?"(?<secret>[A-Za-z0-9+/]{12,512}={0,2})\\?"/g,
    after: 540,
    minEntropy: 3,
    confidence: "medium",
    validate: (s) => Buffer.from(s, "base64").toString("latin1").includes(":"),
  },
  {
    id: "tailscale-key",
    description: "Tailscale API / auth key",
    keywords: ["tskey-"],
    pattern: /(?<![A-Za-z])(?<secret>tskey-[a-z]{1,16}-[A-Za-z0-9]{6,20}-[A-Za-z0-9]{16,64})(?![A-Za-z0-9])/g,
    after: 110,
    confidence: "high",
    noPlaceholderCheck: true,
  },
  {
    id: "vercel-token",
    description: "Vercel token",
    keywords: ["vcp_", "vci_", "vca_", "vcr_", "vck_"],
    pattern: new RegExp(`${B}(?<secret>vc[pirak]_[A-Za-z0-9]{24,64})${E}`, "g"),
    after: 70,
    confidence: "high",
  },
  {
    id: "telegram-bot-token",
    description: "Telegram bot token",
    keywords: [":AA"],
    pattern: /(?<![0-9])(?<secret>[0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/g,
    before: 11,
    after: 40,
    confidence: "high",
  },
  {
    id: "discord-bot-token",
    description: "Discord bot token",
    keywords: ["discord"],
    ignoreCase: true,
    anchored: false,
    pattern:
      /(?<![A-Za-z0-9_-])(?<secret>[MNO][A-Za-z0-9_-]{23,26}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?![A-Za-z0-9_-])/g,
    after: 600,
    minEntropy: 4,
    confidence: "high",
  },
  {
    id: "jwt",
    description: "JSON Web Token",
    keywords: ["eyJ"],
    pattern: new RegExp(
      `${B}(?<secret>eyJ[A-Za-z0-9_-]{10,2048}\\.eyJ[A-Za-z0-9_-]{10,4096}\\.[A-Za-z0-9_-]{16,1024})`,
      "g",
    ),
    after: 7200,
    confidence: "medium",
  },
  {
    id: "basic-auth-url",
    description: "Credentials in a URL (user:password@host)",
    keywords: ["://"],
    pattern:
      /(?<=(?<![A-Za-z0-9+.-])(?<scheme>[A-Za-z][A-Za-z0-9+.-]{1,20})):\/\/(?<user>[^\s:@/"'`<>{}$()]{1,64}):(?<secret>[^\s/"'`<>{}$()]{1,128})@(?<host>[A-Za-z0-9.[\]-]{1,255})/g,
    after: 460,
    confidence: "high",
    noPlaceholderCheck: true,
    validate: (secret, m) => {
      const scheme = (m.groups?.scheme ?? "").toLowerCase();
      // secretlint reports neither ftps nor template/placeholder credentials.
      if (scheme === "ftps") return false;
      const placeholder = DATABASE_SCHEME.test(scheme) ? DB_PLACEHOLDER_PASSWORD : URL_PLACEHOLDER_PASSWORD;
      return (
        secret.length >= 4 &&
        !placeholder.test(secret) &&
        !/^(.)\1*$/.test(secret) &&
        !/^x+$/i.test(secret) &&
        !/your|replace|example|\$|%[A-Z_]/i.test(`${m.groups?.user}:${secret}`)
      );
    },
  },
  {
    id: "password-cli-flag",
    description: "Password passed as a command-line flag",
    keywords: ["--password=", "--pass=", "-p'", "--token="],
    pattern: /--(?:password|pass|token)=(?<secret>[^\s"'`$]{6,128})/g,
    after: 140,
    confidence: "medium",
  },
  {
    id: "gateway-token-assignment",
    assignment: true,
    description: "OpenClaw gateway / hooks token in a config or env assignment",
    keywords: [
      "openclaw_gateway_token",
      "openclaw_gateway_password",
      "openclaw_hooks_token",
      "gateway_token",
    ],
    ignoreCase: true,
    pattern:
      /(?:openclaw_)?(?:gateway|hooks)_(?:token|password)\\?["']?\s{0,4}(?:=|:)\s{0,4}\\?["']?(?<secret>[^\s"'`\\,;]{8,256})/gi,
    after: 300,
    confidence: "high",
  },
  {
    id: "bearer-token",
    description: "Bearer token in an Authorization header",
    keywords: ["bearer "],
    ignoreCase: true,
    pattern: /bearer\s{1,4}(?<secret>[A-Za-z0-9._~+/-]{20,2048}=*)/gi,
    after: 2100,
    minEntropy: 3.5,
    confidence: "medium",
  },
  {
    id: "generic-secret-assignment",
    assignment: true,
    description: "Secret-named key assigned a literal value",
    keywords: [
      "password",
      "passwd",
      "passphrase",
      "secret",
      "token",
      "api_key",
      "apikey",
      "api-key",
      "access_key",
      "accesskey",
      "private_key",
      "privatekey",
      "credential",
      "auth_key",
      "signing_key",
      "webhook",
    ],
    ignoreCase: true,
    pattern:
      /(?<key>(?:passw(?:or)?d|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|auth[_-]?key|signing[_-]?key|webhook)[A-Za-z0-9_.-]{0,24})(?<close>\\?["'`]|\]|)\s{0,4}(?<op>=>|:=|==|!=|[:=]|\s)[ \t]{0,4}(?:\r?\n[ \t]{1,12})?(?:!!binary\s{1,4})?(?<open>\\?["'`]|)(?<secret>[^\s"'`\\,;<>(){}[\]|&]{6,256})/gi,
    after: 330,
    confidence: "medium",
    validate: validateGenericAssignment,
  },
];

const PASSWORD_KEY = /passw|passphrase|pwd/i;
const SECRET_KEY = /secret/i;

function validateGenericAssignment(secret: string, m: RegExpExecArray): boolean {
  const g = m.groups ?? {};
  const key = g.key ?? "";
  const op = g.op ?? "";
  // `token value` with only whitespace between needs a quoted value to be an assignment.
  if (/^\s$/.test(op) && !g.open) return false;
  if (op === "==" || op === "!=") return false;
  // Key names that denote an id/type/count, not the secret itself.
  if (
    /(?:_id|id|ids|name|names|type|types|count|len|length|size|url|uri|path|file|prefix|hint|field|env|ref|mode|_at|expir\w*|usage|limit|s?max|min)$/i.test(
      key,
    )
  ) {
    return false;
  }
  if (/^(?:token|secret|password|key|webhook)s?$/i.test(key) && !g.open && !g.close && op === ":") {
    // Prose such as "token: the value" in a transcript: require a value that looks random.
    if (shannonEntropy(secret) < 3.5 || secret.length < 12) return false;
  }
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(secret) && !/\d/.test(secret)) return false;
  if (
    /^(?:true|false|null|none|nil|undefined|string|number|boolean|required|optional|bytes?|str|int|object|any)$/i.test(
      secret,
    )
  ) {
    return false;
  }
  if (/^\d+(?:\.\d+)?$/.test(secret)) {
    return PASSWORD_KEY.test(key) && secret.length >= 8 && !isSequential(secret);
  }
  // AWS secret keys are exactly 40 chars; anything else under that name is an encrypted blob.
  if (/aws.?secret|secret.?access.?key/i.test(key) && secret.length !== 40) return false;
  if (PASSWORD_KEY.test(key) || (SECRET_KEY.test(key) && (op === "=" || g.open))) {
    return secret.length >= 6 && !isSequential(secret) && (/\d/.test(secret) || shannonEntropy(secret) >= 3);
  }
  if (/webhook/i.test(key))
    return /^https?:\/\/\S+\/[A-Za-z0-9_-]{16,}/.test(secret) || shannonEntropy(secret) >= 4;
  if (g.open && (op === "=" || op === ":") && secret.length >= 12 && shannonEntropy(secret) >= 3.3) {
    return !/^[a-z]+$|^[A-Z_]+$/.test(secret);
  }
  return secret.length >= 10 && shannonEntropy(secret) >= 3.2 && /\d/.test(secret) && /[A-Za-z]/.test(secret);
}

/** A PEM body without line breaks, JSON escapes or quotes, so raw and escaped copies match. */
function pemBody(s: string): string {
  return s.replace(/\\[nr]|[\s"',]/g, "").replace(/-----BEGIN[^-]*-----|-----END.*$/g, "");
}

export function isSequential(s: string): boolean {
  const l = s.toLowerCase();
  return (
    "0123456789abcdefghijklmnopqrstuvwxyz".includes(l) ||
    "abcdefghijklmnopqrstuvwxyz0123456789".includes(l) ||
    "qwertyuiopasdfghjklzxcvbnm".includes(l) ||
    /^(.)\1+$/.test(l) ||
    /^(..?.?)\1{2,}$/.test(l)
  );
}
