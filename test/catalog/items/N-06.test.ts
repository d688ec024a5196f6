import { n06 } from "../../../src/catalog/network.js";
import { runCases } from "../check-tester.js";
import { conf, rotation, STRONG } from "../helpers/network.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(n06, [
  {
    name: "no rotation recorded warns",
    snapshot: snapshot({ envSet: ["OPENCLAW_GATEWAY_TOKEN"] }),
    expect: {
      status: "warn",
      severity: "medium",
      checks: ["no-rotation-recorded"],
      remediationIncludes: "clawwarden rotate gateway-token",
    },
  },
  {
    name: "a rotation 10 days ago passes",
    snapshot: snapshot(rotation("2026-11-15T12:00:00.000Z")),
    expect: { status: "pass", checks: ["rotation-recent"], evidenceIncludes: "10 days ago" },
  },
  {
    name: "a rotation 120 days ago fails",
    snapshot: snapshot(rotation("2026-07-28T12:00:00.000Z")),
    expect: { status: "fail", severity: "medium", checks: ["rotation-overdue"], messageIncludes: "120 days" },
  },
  {
    name: "the token changed since the recorded rotation is noted without leaking it",
    snapshot: snapshot({
      ...rotation("2026-11-01T00:00:00.000Z"),
      config: { value: { gateway: { auth: { token: STRONG } } } },
    }),
    expect: { status: "pass", evidenceIncludes: "no longer matches", nowhere: STRONG },
  },
  {
    name: "an unreadable rotation log is unknown",
    snapshot: snapshot({ rotations: { known: false, reason: "clawwarden state unreadable" } }),
    expect: { status: "unknown", checks: ["rotation-log-unreadable"] },
  },
  {
    name: "auth none has nothing to rotate",
    snapshot: conf({ gateway: { auth: { mode: "none" } } }),
    expect: { status: "skip", checks: ["no-shared-secret"] },
  },
  {
    name: "an attested rotation passes",
    snapshot: snapshot({
      clawwarden: { attestations: [{ id: "N-06", by: "ops", at: "2026-11-01", expires: "2027-02-01" }] },
    }),
    expect: { status: "pass", checks: ["attestation"] },
  },
  {
    name: "an expired attestation fails",
    snapshot: snapshot({
      clawwarden: { attestations: [{ id: "N-06", by: "ops", at: "2026-01-01", expires: "2026-04-01" }] },
    }),
    expect: { status: "fail", checks: ["attestation-expired"] },
  },
]);
