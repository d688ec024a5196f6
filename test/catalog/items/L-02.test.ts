import { runCases } from "../check-tester.js";
import { attested, l02 } from "../helpers/llm.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(l02, [
  {
    name: "needs a person",
    snapshot: snapshot(),
    expect: { status: "manual", messageIncludes: "alert thresholds" },
  },
  {
    name: "OTel metrics export noted",
    snapshot: snapshot({ config: { value: { diagnostics: { otel: { enabled: true } } } } }),
    expect: {
      status: "manual",
      messageIncludes: "metrics are exported",
      evidenceIncludes: "diagnostics.otel.enabled",
    },
  },
  { name: "attested passes", snapshot: snapshot(attested("L-02", "2027-01-01")), expect: { status: "pass" } },
  {
    name: "expired attestation fails",
    snapshot: snapshot(attested("L-02", "2026-02-01")),
    expect: { status: "fail" },
  },
]);
