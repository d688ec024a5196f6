import { describe, expect, it } from "vitest";
import { ByteLineCounter, detectSecrets, findSecrets, findSecretsInBytes } from "../../src/detect/secrets.js";

// Fake secrets assembled at runtime so this file itself does not look like a leak.
const j = (...parts: string[]) => parts.join("");
const TELEGRAM = j("7312345678", ":AA", "HdqTcvCH1vGWJxfSeofSAs0K5PALDsawq");
const DISCORD = j("MTIzNDU2Nzg5MDEyMzQ1Njc4", ".GhT9xQ.", "aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3x");
const ANTHROPIC = j(
  "sk-ant-api03-",
  "z0zjHHXo5uibD2havvfqiZYJe9ENlwI1trcQC4pyRC2N2w6nbpUitUU_iR4kkSszVyUpINaxvCtun3_Mub0O3w-48GXRgAA",
);
const GITHUB = j("ghp_", "wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx");
const AWS_ID = j("AKIA", "QYLPMN5HHHFPZAM2");
const AWS_SECRET = j("tzL7", "Qb0xR2mZk9vW4nJ8pF6sD3hG1aY5cE7uI0oT");
const VAULT = j("hvs.", "CAESIJlWh2Kx9Lq3mVZr8TnUoPdXyFbGcHeAwRkQjS");

function ids(text: string): string[] {
  return detectSecrets(text).map((d) => d.ruleId);
}

describe("detectSecrets", () => {
  it("finds OpenClaw channel and gateway credentials", () => {
    expect(ids(`channels:\n  telegram:\n    botToken: "${TELEGRAM}"`)).toEqual(["telegram-bot-token"]);
    expect(ids(`DISCORD_BOT_TOKEN=${DISCORD}`)).toEqual(["discord-bot-token"]);
    expect(ids("OPENCLAW_GATEWAY_TOKEN=9f8e7d6c5b4a39281706f5e4d3c2b1a0")).toEqual([
      "gateway-token-assignment",
    ]);
    expect(ids('{"gateway":{"auth":{"token":"q8Wv2LmZ4rT9xKpB7nY3"}}}')).toEqual([
      "generic-secret-assignment",
    ]);
  });

  it("finds gateway tokens in dashboard URLs, hook config and headers, but not token prose", () => {
    const gw = "9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c6";
    const text = [
      `open http://127.0.0.1:18789/#token=${gw}`,
      '{"hooks":{"enabled":true,"token":"hk_3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c"}}',
      "OPENCLAW_GATEWAY_PASSWORD=Winter2026!Harbor",
      `curl -H 'Authorization: Bearer ${gw}' http://127.0.0.1:18789/v1/chat`,
      "the token expired, ask for a new token",
      '"tokenCount": 12345678901, "maxTokens": 4096',
      'const tokenizer = new Tokenizer("cl100k_base")',
    ].join("\n");
    expect(detectSecrets(text).map((d) => `${d.line}:${d.ruleId}`)).toEqual([
      "1:generic-secret-assignment",
      "2:generic-secret-assignment",
      "3:gateway-token-assignment",
      "4:bearer-token",
    ]);
  });

  it("reports position and a fingerprint, never the value", () => {
    const text = `first line\nkey = '${ANTHROPIC}'\n`;
    const [hit, ...rest] = detectSecrets(text);
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ ruleId: "anthropic-api-key", line: 2, column: 8, confidence: "high" });
    expect(JSON.stringify(hit)).not.toContain(ANTHROPIC.slice(10, 30));
    expect(hit?.fingerprint).toMatch(/^sk-ant…RgAA \(sha256:[0-9a-f]{8}\)$/);
  });

  it("finds the AWS key pair, a PEM key, a Vault token and a DB URL in one text", () => {
    const pem = j(
      "-----BEGIN RSA PRIVATE KEY-----\n",
      "MIICWwIBAAKBgQCYdGaf5uYMsilGHfnx/zxXtihdGFr3hCWwebHGhgEAVn0xlsTd\n",
      "1QwoKi+rpI1O6hzyVOuoQtboODsONGRlHbNl6yJ936Yhmr8PiNwpA5qIxZAdmFv2\n",
      "-----END RSA PRIVATE KEY-----",
    );
    const text = [
      `aws_access_key_id = ${AWS_ID}`,
      `aws_secret_access_key = ${AWS_SECRET}`,
      pem,
      `export VAULT_TOKEN=${VAULT}`,
      "DATABASE_URL=postgres://app:Zq7vR2pLx9@db.internal:5432/app",
    ].join("\n");
    expect(ids(text)).toEqual([
      "aws-access-key-id",
      "aws-secret-access-key",
      "private-key",
      "vault-token",
      "basic-auth-url",
    ]);
  });

  it("finds secrets inside JSON-escaped transcript text", () => {
    const line = JSON.stringify({
      type: "message",
      message: { content: `run with GITHUB_TOKEN=${GITHUB} and {"password": "Tr0ub4dor&3x"}` },
    });
    expect(ids(line)).toEqual(["github-token", "generic-secret-assignment"]);
  });

  it("ignores placeholders, env references and masked values", () => {
    const text = [
      'apiKey: "your-api-key"',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal env reference is the input
      'token: "${OPENCLAW_GATEWAY_TOKEN}"',
      "password = changeme",
      'OPENAI_API_KEY="sk-mock-1234567890abcdefghij"',
      "api_key = xxxxxxxxxxxxxxxxxxxxxxxx",
      "AKIATL…GTTK and ghp_97…pDMl were masked",
      'secret: "<paste here>"',
      "token: process.env.SLACK_TOKEN",
      "the token value is stored elsewhere",
      "postgres://user:password@localhost/db",
      "https://example.com/path?x=1",
    ].join("\n");
    expect(detectSecrets(text)).toEqual([]);
  });

  it("honours allowlist pragmas and secretlint-disable comments", () => {
    expect(ids(`token = "${GITHUB}"  # pragma: allowlist secret`)).toEqual([]);
    expect(ids(`// secretlint-disable-next-line\ntoken = "${GITHUB}"\n`)).toEqual([]);
    expect(ids(`# secretlint-disable\n${GITHUB}\n# secretlint-enable\n${VAULT}`)).toEqual(["vault-token"]);
    expect(ids(`x # gitleaks:allow ${GITHUB}`)).toEqual([]);
  });

  it("stays linear on long crafted lines", () => {
    const crafted = [
      `password=${"a".repeat(200_000)}`,
      "token".repeat(100_000),
      `https://${"a:".repeat(100_000)}`,
      `-----BEGIN PRIVATE KEY-----${"A".repeat(200_000)}`,
      `${"1".repeat(100_000)}:AA${"b".repeat(100_000)}`,
      `"${"A1b2".repeat(100_000)}"`,
      `${"eyJ".repeat(100_000)}`,
      `sk-ant-api03-${"-".repeat(200_000)}`,
    ];
    for (const text of crafted) {
      const t0 = performance.now();
      findSecrets(text);
      expect(performance.now() - t0).toBeLessThan(1500);
    }
  });
});

describe("findSecretsInBytes", () => {
  it("agrees with the string scanner on the same UTF-8 text, with byte offsets", () => {
    const text = [
      "héllo wörld",
      `export GITHUB_TOKEN=${GITHUB}`,
      JSON.stringify({ msg: `\nvault ${VAULT}\n`, pw: { password: "Tr0ub4dor&3x" } }),
      `db: postgres://app:Zq7vR2pLx9@db.internal:5432/app  # gitleaks:allow`,
      `token = "${ANTHROPIC}" # pragma: allowlist secret`,
    ].join("\n");
    const buf = Buffer.from(text, "utf8");
    const fromBytes = findSecretsInBytes(buf);
    const fromString = findSecrets(text);
    expect(fromBytes.map((m) => [m.ruleId, m.fingerprint])).toEqual(
      fromString.map((m) => [m.ruleId, m.fingerprint]),
    );
    expect(fromBytes.map((m) => m.ruleId)).toEqual([
      "github-token",
      "vault-token",
      "generic-secret-assignment",
    ]);
    const gh = fromBytes[0];
    expect(buf.subarray(gh?.index, (gh?.index ?? 0) + (gh?.length ?? 0)).toString()).toBe(GITHUB);
    expect(new ByteLineCounter(buf).at(gh?.index ?? 0)).toEqual({ line: 2, column: 21 });
  });

  it("fingerprints a non-ASCII secret from its UTF-8 text", () => {
    const pw = "Pässwörd-9x7Qz2";
    const [m] = findSecretsInBytes(Buffer.from(`password = "${pw}"`, "utf8"));
    const [s] = findSecrets(`password = "${pw}"`);
    expect(m?.fingerprint).toBe(s?.fingerprint);
  });

  it("ignores values OpenClaw already masked and fingerprints a PEM key the same raw or JSON-escaped", () => {
    const masked = Buffer.from(
      '{"content":"Use AWS_SECRET_ACCESS_KEY=wJ8rTq\u2026yR2T and ghp_R7\u20262Ue7"}',
      "utf8",
    );
    expect(findSecretsInBytes(masked)).toEqual([]);
    const pem = j(
      "-----BEGIN PRIVATE KEY-----\n",
      "MC4CAQAwBQYDK2VwBCIEIJlWh2Kx9Lq3mVZr8TnUoPdXyFbGcHeAwRkQjS7vT1aB\n",
      "-----END PRIVATE KEY-----\n",
    );
    const raw = findSecretsInBytes(Buffer.from(pem));
    const escaped = findSecretsInBytes(Buffer.from(JSON.stringify({ key: pem })));
    expect(raw.map((m) => m.ruleId)).toEqual(["private-key"]);
    expect(escaped.map((m) => m.fingerprint)).toEqual(raw.map((m) => m.fingerprint));
    expect(raw[0]?.fingerprint).toMatch(/^MC4CAQ…T1aB \(sha256:[0-9a-f]{8}\)$/);
  });
});
