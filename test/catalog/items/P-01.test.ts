import { expect } from "vitest";
import { runCases } from "../check-tester.js";
import { attested, p01 } from "../helpers/deployment.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(p01, [
  {
    name: "no local providers: manual",
    snapshot: snapshot(),
    expect: { status: "manual", messageIncludes: "separate hosts" },
  },
  {
    name: "loopback inference server is noted",
    snapshot: snapshot({
      config: {
        value: {
          models: {
            providers: {
              "my-llm": { baseUrl: "http://localhost:4000/v1" },
              cloud: { baseUrl: "https://api.example.com/v1" },
            },
          },
        },
      },
    }),
    expect: {
      status: "manual",
      messageIncludes: "my-llm on loopback",
      evidenceIncludes: "models.providers.my-llm.baseUrl",
    },
    assert: (findings) => expect(JSON.stringify(findings)).not.toContain("models.providers.cloud.baseUrl"),
  },
  { name: "attested passes", snapshot: snapshot(attested("P-01", "2027-01-01")), expect: { status: "pass" } },
  {
    name: "expired attestation fails",
    snapshot: snapshot(attested("P-01", "2026-11-24")),
    expect: { status: "fail" },
  },
]);
