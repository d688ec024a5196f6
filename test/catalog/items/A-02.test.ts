import { runCases } from "../check-tester.js";
import { a02, attested } from "../helpers/logging.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(a02, [
  { name: "needs a person", snapshot: snapshot(), expect: { status: "manual", messageIncludes: "SIEM" } },
  {
    name: "OTel export configured is shown as evidence",
    snapshot: snapshot({
      config: {
        value: {
          diagnostics: { otel: { enabled: true, logs: true, logsEndpoint: "https://logs.example/v1/logs" } },
        },
      },
    }),
    expect: { status: "manual", messageIncludes: "collector forwards", evidenceIncludes: "logs: yes" },
  },
  { name: "attested passes", snapshot: snapshot(attested("A-02", "2027-03-01")), expect: { status: "pass" } },
  {
    name: "expired attestation fails",
    snapshot: snapshot(attested("a-02", "2026-10-01")),
    expect: { status: "fail", checks: ["attestation-expired"], messageIncludes: "2026-10-01" },
  },
]);
