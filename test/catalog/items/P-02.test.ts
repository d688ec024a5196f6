import { runCases } from "../check-tester.js";
import { attested, p02 } from "../helpers/deployment.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(p02, [
  {
    name: "needs a person",
    snapshot: snapshot(),
    expect: { status: "manual", messageIncludes: "dedicated" },
  },
  { name: "attested passes", snapshot: snapshot(attested("P-02", "2027-01-01")), expect: { status: "pass" } },
  {
    name: "expired attestation fails",
    snapshot: snapshot(attested("P-02", "2026-01-01")),
    expect: { status: "fail" },
  },
]);
