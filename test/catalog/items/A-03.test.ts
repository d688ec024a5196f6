import { runCases } from "../check-tester.js";
import { a03, attested } from "../helpers/logging.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(a03, [
  {
    name: "needs a person",
    snapshot: snapshot(),
    expect: { status: "manual", messageIncludes: "auth failures" },
  },
  { name: "attested passes", snapshot: snapshot(attested("A-03", "2027-03-01")), expect: { status: "pass" } },
  {
    name: "expired attestation fails",
    snapshot: snapshot(attested("A-03", "2026-11-24")),
    expect: { status: "fail" },
  },
]);
