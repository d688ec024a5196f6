import { runCases } from "../check-tester.js";
import { attested, p04 } from "../helpers/deployment.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(p04, [
  {
    name: "needs a person, names the state dir",
    snapshot: snapshot(),
    expect: { status: "manual", messageIncludes: "/home/op/.openclaw" },
  },
  { name: "attested passes", snapshot: snapshot(attested("P-04", "2027-01-01")), expect: { status: "pass" } },
  {
    name: "expired attestation fails",
    snapshot: snapshot(attested("P-04", "2026-01-01")),
    expect: { status: "fail" },
  },
]);
