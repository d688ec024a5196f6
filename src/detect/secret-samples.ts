/**
 * True- and false-positive samples for every secret rule, gitleaks' way: each rule's samples sit in one record,
 * and one table test (test/detect/secret-rule-samples.test.ts) checks every rule against its own. Values are
 * built from a seeded generator so they look random (entropy, no placeholder words) yet are clearly fake and
 * stable across runs. Kept out of secret-rules.ts so the runtime table stays lean; the test fails when a rule has
 * no samples here, so a new rule cannot land without them.
 */
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const HEX = "0123456789abcdef";
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const B64 = `${ALNUM}+/`;
const URLSAFE = `${ALNUM}_-`;
const DIGITS = "0123456789";

/** A deterministic pseudo-random string (xorshift on the seed text). */
export function fake(alphabet: string, length: number, seed: string): string {
  let x = 2166136261;
  for (const ch of seed) x = Math.imul(x ^ ch.charCodeAt(0), 16777619) >>> 0;
  let out = "";
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out += alphabet[x % alphabet.length];
  }
  return out;
}

const f = fake;
const pem = (seed: string) =>
  `-----BEGIN RSA PRIVATE KEY-----\\n${f(B64, 64, seed)}\\n${f(B64, 64, `${seed}2`)}\\n-----END RSA PRIVATE KEY-----`;
const jwtPart = (seed: string) => `eyJ${f(URLSAFE, 30, seed)}`;

export interface RuleSamples {
  /** Text in which the rule must find a secret. */
  tp: string[];
  /** Text in which the rule must find nothing (placeholders, look-alikes, documentation). */
  fp: string[];
}

export const SECRET_RULE_SAMPLES: Record<string, RuleSamples> = {
  "aws-access-key-id": {
    tp: [`aws_access_key_id = AKIA${f(UPPER32, 16, "aws1")}`],
    fp: ["AKIA1234 is too short", `MAKIA${f(UPPER32, 16, "aws2")}x`],
  },
  "aws-secret-access-key": {
    tp: [`aws_secret_access_key = ${f(`${ALNUM}/+`, 40, "aws3")}`],
    fp: ["aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}"],
  },
  "gcp-service-account-key": {
    tp: [`{"type": "service_account", "project_id": "p", "private_key": "${pem("gcp")}"}`],
    fp: ['{"type": "service_account", "private_key": "see the vault"}'],
  },
  "private-key": { tp: [pem("pk")], fp: ["-----BEGIN PUBLIC KEY-----\\nMIIB\\n-----END PUBLIC KEY-----"] },
  "github-token": {
    tp: [`GITHUB_TOKEN=ghp_${f(ALNUM, 36, "gh")}`],
    fp: ["ghp_ is the classic token prefix"],
  },
  "github-app-installation-token": {
    tp: [`token ghs_12345_${f(URLSAFE, 20, "ghs1")}.${f(URLSAFE, 20, "ghs2")}.${f(URLSAFE, 20, "ghs3")}`],
    fp: ["ghs_ tokens expire after an hour"],
  },
  "github-fine-grained-pat": {
    tp: [`github_pat_${f(ALNUM, 22, "gp1")}_${f(ALNUM, 59, "gp2")}`],
    fp: ["github_pat_ prefix marks fine-grained tokens"],
  },
  "gitlab-token": { tp: [`glpat-${f(URLSAFE, 20, "gl")}`], fp: ["glpat-short"] },
  "npm-token": {
    tp: [`//registry.npmjs.org/:_authToken=npm_${f(ALNUM, 36, "npm")}`],
    fp: ["npm_config_cache=/tmp"],
  },
  "npmrc-auth-token": {
    tp: [`//npm.example.org/:_authToken=${f(ALNUM, 32, "npmrc")}`],
    fp: ["//registry.npmjs.org/:_authToken=${NPM_TOKEN}"],
  },
  "git-url-oauth-token": {
    tp: [`https://${f(ALNUM, 40, "oauth")}:x-oauth-basic@github.com/org/repo.git`],
    fp: ["https://github.com/org/repo.git"],
  },
  "slack-token": {
    tp: [`SLACK_BOT_TOKEN=xoxb-${f(DIGITS, 12, "sl1")}-${f(ALNUM, 24, "sl2")}`],
    fp: ["xoxb-"],
  },
  "slack-app-token": {
    tp: [`xapp-1-A${f(UPPER32, 10, "sa1")}-${f(DIGITS, 13, "sa2")}-${f(HEX, 64, "sa3")}`],
    fp: ["xapp-1-short"],
  },
  "slack-webhook": {
    tp: [
      `https://hooks.slack.com/services/T${f(UPPER32, 8, "sw1")}/B${f(UPPER32, 8, "sw2")}/${f(ALNUM, 24, "sw3")}`,
    ],
    fp: ["https://hooks.slack.com/"],
  },
  "stripe-secret-key": { tp: [`sk_live_${f(ALNUM, 24, "stripe")}`], fp: ["pk_live_ keys are publishable"] },
  "sendgrid-api-key": {
    tp: [`SG.${f(URLSAFE, 22, "sg1")}.${f(URLSAFE, 43, "sg2")}`],
    fp: ["SG.short.value"],
  },
  "shopify-token": { tp: [`shpat_${f(HEX, 32, "shop")}`], fp: ["shpat_ tokens are admin tokens"] },
  "anthropic-api-key": {
    tp: [`ANTHROPIC_API_KEY=sk-ant-api03-${f(URLSAFE, 93, "ant")}AA`],
    fp: ["sk-ant-api03-short"],
  },
  "openai-api-key": {
    tp: [`OPENAI_API_KEY=sk-proj-${f(URLSAFE, 40, "oa1")}T3BlbkFJ${f(URLSAFE, 40, "oa2")}`],
    fp: ["sk-proj-your-key-here"],
  },
  "groq-api-key": { tp: [`gsk_${f(ALNUM, 52, "groq")}`], fp: ["gsk_short"] },
  "xai-api-key": { tp: [`xai-${f(ALNUM, 80, "xai")}`], fp: ["xai-grok"] },
  "openrouter-api-key": { tp: [`sk-or-v1-${f(HEX, 64, "or")}`], fp: ["sk-or-v1-"] },
  "google-api-key": {
    tp: [`key=AIza${f(URLSAFE, 35, "gapi")}`],
    fp: ["AIza is the prefix of Google API keys"],
  },
  "google-oauth-refresh-token": { tp: [`refresh_token: 1//0${f(URLSAFE, 60, "grt")}`], fp: ["1//0short"] },
  "huggingface-token": { tp: [`HF_TOKEN=hf_${f(LETTERS, 34, "hf")}`], fp: ["hf_transfer is a package"] },
  "linear-api-key": { tp: [`lin_api_${f(ALNUM, 40, "lin")}`], fp: ["lin_api_short"] },
  "notion-token": { tp: [`ntn_${f(DIGITS, 11, "nt1")}${f(ALNUM, 35, "nt2")}`], fp: ["ntn_123"] },
  "figma-token": { tp: [`figd_${f(URLSAFE, 43, "figma")}`], fp: ["figd_short"] },
  "1password-service-account-token": {
    tp: [`OP_SERVICE_ACCOUNT_TOKEN=ops_eyJ${f(B64, 260, "ops")}`],
    fp: ["ops_eyJshort"],
  },
  "databricks-token": { tp: [`dapi${f(HEX, 32, "dbx")}`], fp: ["dapi is the token prefix"] },
  "grafana-token": { tp: [`glsa_${f(ALNUM, 32, "gs1")}_${f(HEX, 8, "gs2")}`], fp: ["glsa_short_1234"] },
  "vault-token": { tp: [`VAULT_TOKEN=hvs.${f(URLSAFE, 90, "vault")}`], fp: ["hvs.short"] },
  "cloudflare-api-token": { tp: [`cfut_${f(ALNUM, 40, "cf1")}${f(HEX, 8, "cf2")}`], fp: ["cfut_short"] },
  "cloudflare-api-key-assignment": {
    tp: [`CLOUDFLARE_API_KEY=${f(URLSAFE, 37, "cfk")}`],
    fp: ["CLOUDFLARE_API_KEY=your-cloudflare-api-key-goes-here"],
  },
  "docker-pat": { tp: [`dckr_pat_${f(URLSAFE, 27, "dckr")}`], fp: ["dckr_pat_short"] },
  "docker-config-auth": {
    tp: [
      `{"auths": {"registry.example.org": {"auth": "${Buffer.from(`ci:${f(ALNUM, 24, "dca")}`).toString("base64")}"}}}`,
    ],
    fp: ['{"auths": {"registry.example.org": {"auth": ""}}}'],
  },
  "tailscale-key": { tp: [`tskey-auth-k${f(ALNUM, 10, "ts1")}-${f(ALNUM, 32, "ts2")}`], fp: ["tskey-auth-"] },
  "vercel-token": { tp: [`vcp_${f(ALNUM, 40, "vercel")}`], fp: ["vcp_short"] },
  "telegram-bot-token": {
    tp: [`botToken: "123456789:AA${f(URLSAFE, 33, "tg")}"`],
    fp: ["123456:ABC-DEF1234ghIkl"],
  },
  "discord-bot-token": {
    tp: [`DISCORD_TOKEN=M${f(URLSAFE, 25, "dc1")}.${f(URLSAFE, 6, "dc2")}.${f(URLSAFE, 30, "dc3")}`],
    fp: ["M.short.token"],
  },
  jwt: {
    tp: [`Authorization: ${jwtPart("j1")}.${jwtPart("j2")}.${f(URLSAFE, 43, "j3")}`],
    fp: ["eyJhbGciOi is a JWT header start"],
  },
  "basic-auth-url": {
    tp: [`DATABASE_URL=postgres://app:${f(ALNUM, 20, "db")}@db.internal:5432/app`],
    fp: ["postgres://app:${DB_PASSWORD}@db.internal:5432/app"],
  },
  "password-cli-flag": {
    tp: [`mysql --password=${f(ALNUM, 16, "pw")} -h db`],
    fp: ['mysql --password="$DB_PASS"'],
  },
  "gateway-token-assignment": {
    tp: [`OPENCLAW_GATEWAY_TOKEN=${f(HEX, 48, "gw")}`],
    fp: ["OPENCLAW_GATEWAY_TOKEN=change-me"],
  },
  "bearer-token": {
    tp: [`curl -H "Authorization: Bearer ${f(URLSAFE, 40, "bearer")}"`],
    fp: ["Authorization: Bearer $TOKEN"],
  },
  "generic-secret-assignment": {
    tp: [`db_password = "${f(ALNUM, 20, "gen")}"`],
    fp: ['password = "password"', "secret = os.environ['SECRET']"],
  },
};
