import { runCases } from "../check-tester.js";
import { attested, l03 } from "../helpers/llm.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(l03, [
  { name: "needs a person", snapshot: snapshot(), expect: { status: "manual", checks: ["attestation"] } },
  { name: "attested passes", snapshot: snapshot(attested("L-03", "2027-01-01")), expect: { status: "pass" } },
  {
    name: "expired attestation fails",
    snapshot: snapshot(attested("L-03", "2026-02-01")),
    expect: { status: "fail" },
  },
]);
