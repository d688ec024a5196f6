import { runCases } from "../check-tester.js";
import { a05, attested } from "../helpers/logging.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(a05, [
  { name: "needs a person", snapshot: snapshot(), expect: { status: "manual", messageIncludes: "EDR" } },
  { name: "attested passes", snapshot: snapshot(attested("A-05", "2027-01-01")), expect: { status: "pass" } },
  {
    name: "expired attestation fails",
    snapshot: snapshot(attested("A-05", "2026-06-30")),
    expect: { status: "fail" },
  },
]);
