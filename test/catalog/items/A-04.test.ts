import { runCases } from "../check-tester.js";
import { a04, attested } from "../helpers/logging.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(a04, [
  {
    name: "needs a schedule; notes that openclaw's audit did not run",
    snapshot: snapshot(),
    expect: { status: "manual", remediationIncludes: "attestations", evidenceIncludes: "did not run" },
  },
  {
    name: "openclaw's own audit result is evidence",
    snapshot: snapshot({
      openclaw: {
        audit: { known: true, value: { summary: { critical: 2, warn: 1, info: 1 }, findings: [] } },
      },
    }),
    expect: { status: "manual", evidenceIncludes: "2 critical, 1 warn, 1 info" },
  },
  { name: "attested passes", snapshot: snapshot(attested("A-04", "2027-01-01")), expect: { status: "pass" } },
  {
    name: "expired attestation fails",
    snapshot: snapshot(attested("A-04", "2025-01-01")),
    expect: { status: "fail" },
  },
]);
