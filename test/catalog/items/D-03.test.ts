import { d03 } from "../../../src/catalog/messaging.js";
import { runCases } from "../check-tester.js";
import { channels } from "../helpers/messaging.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(d03, [
  {
    name: "needs a person and lists the connected channels",
    snapshot: channels({ whatsapp: {}, telegram: {} }),
    expect: {
      status: "manual",
      checks: ["attestation"],
      evidenceIncludes: ["channel whatsapp is configured", "channel telegram is configured"],
      remediationIncludes: "attestations",
    },
  },
  {
    name: "an attestation passes",
    snapshot: snapshot({
      clawwarden: {
        path: "/home/op/clawwarden.json",
        attestations: [{ id: "D-03", by: "ana", at: "2026-10-01", expires: "2027-10-01" }],
      },
    }),
    expect: { status: "pass", evidenceIncludes: ["attested by ana", "/home/op/clawwarden.json"] },
  },
  {
    name: "an expired attestation fails",
    snapshot: snapshot({
      clawwarden: { attestations: [{ id: "d-03", by: "ana", at: "2025-01-01", expires: "2025-06-01" }] },
    }),
    expect: { status: "fail", checks: ["attestation-expired"] },
  },
]);
