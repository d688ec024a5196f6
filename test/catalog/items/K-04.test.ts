import { runCases } from "../check-tester.js";
import { attested, hardened, k04 } from "../helpers/skills.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(k04, [
  { name: "needs a person", snapshot: snapshot(), expect: { status: "manual", checks: ["attestation"] } },
  {
    name: "uploaded archives allowed warns",
    snapshot: snapshot({ config: { value: { skills: { install: { allowUploadedArchives: true } } } } }),
    expect: {
      status: "warn",
      checks: ["uploaded-archives"],
      remediationIncludes: "allowUploadedArchives false",
    },
  },
  { name: "attested passes", snapshot: snapshot(attested("K-04", "2027-01-01")), expect: { status: "pass" } },
  {
    name: "expired attestation fails",
    snapshot: snapshot(attested("K-04", "2026-01-01")),
    expect: { status: "fail", checks: ["attestation-expired"] },
  },
]);
runCases(k04, [{ name: "real config-hardened.json", snapshot: hardened, expect: { status: "manual" } }]);
