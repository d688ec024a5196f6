import { expect } from "vitest";
import { runCases } from "../check-tester.js";
import { attested, l04, sample } from "../helpers/llm.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(l04, [
  { name: "defaults: manual data-flow review", snapshot: snapshot(), expect: { status: "manual" } },
  {
    name: "OTel content capture fails",
    snapshot: snapshot({
      config: { value: { diagnostics: { otel: { enabled: true, captureContent: true } } } },
    }),
    expect: { status: "fail", checks: ["otel-capture-content"], remediationIncludes: "captureContent false" },
  },
  {
    name: "redaction off fails",
    snapshot: snapshot({ config: { value: { logging: { redactSensitive: "off" } } } }),
    expect: { status: "fail", checks: ["redact-off"] },
  },
  {
    name: "custom redactPatterns warn (they replace the defaults)",
    snapshot: snapshot({ config: { value: { logging: { redactPatterns: ["internal-\\d+"] } } } }),
    expect: { status: "warn", severity: "low", checks: ["custom-redact-patterns"] },
  },
  {
    name: "remote provider over plain http and skipped TLS verification warn; loopback http is fine",
    snapshot: snapshot({
      config: {
        value: {
          models: {
            providers: {
              lan: { baseUrl: "http://10.0.0.5:8000/v1" },
              local: { baseUrl: "http://127.0.0.1:4000/v1" },
              corp: { baseUrl: "https://llm.corp", request: { tls: { insecureSkipVerify: true } } },
            },
          },
        },
      },
    }),
    expect: { status: "warn", checks: ["cleartext-provider", "tls-skip-verify"] },
    assert: (findings) =>
      expect(findings.filter((f) => f.checkId === "L-04.cleartext-provider").map((f) => f.message)).toEqual([
        "Provider lan is reached over plain http: prompts cross the network unencrypted.",
      ]),
  },
  {
    name: "real config-hardened.json: nothing config-decidable fails",
    snapshot: sample("config-hardened.json"),
    expect: { status: "manual" },
  },
  { name: "attested passes", snapshot: snapshot(attested("L-04", "2027-01-01")), expect: { status: "pass" } },
]);
