import { runCases } from "../check-tester.js";
import { c05, envRef, sample } from "../helpers/credentials.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(c05, [
  {
    name: "no credentials configured: skip",
    snapshot: snapshot(),
    expect: { status: "skip" },
  },
  {
    name: "real config-hardened.json: the token ref has never been rotated (warn, medium)",
    snapshot: sample("config-hardened.json"),
    expect: {
      status: "warn",
      severity: "medium",
      checks: ["never-rotated"],
      evidenceIncludes: "gateway.auth.token",
    },
  },
  {
    name: "never rotated but attested (rotated outside clawwarden): pass",
    snapshot: sample("config-hardened.json", {
      clawwarden: {
        path: "/etc/clawwarden.json",
        attestations: [{ id: "C-05", by: "ops", at: "2026-11-01", expires: "2027-02-01" }],
      },
    }),
    expect: { status: "pass", evidenceIncludes: ["attested by ops", "gateway.auth.token: no rotation"] },
  },
  {
    name: "never rotated with an expired attestation fails",
    snapshot: sample("config-hardened.json", {
      clawwarden: {
        path: "/etc/clawwarden.json",
        attestations: [{ id: "C-05", by: "ops", at: "2026-05-01", expires: "2026-08-01" }],
      },
    }),
    expect: { status: "fail", checks: ["attestation-expired"] },
  },
  {
    name: "rotated 30 days ago passes, 120 days ago fails",
    snapshot: snapshot({
      config: { value: { gateway: { auth: { token: envRef("GW") } }, hooks: { token: envRef("HOOKS") } } },
      rotations: {
        known: true,
        value: [
          { target: "gateway.auth.token", at: "2026-10-26T00:00:00Z", fingerprint: "a…b" },
          { target: "hooks.token", at: "2026-07-28T00:00:00Z", fingerprint: "c…d" },
          { target: "hooks.token", at: "2026-01-01T00:00:00Z", fingerprint: "e…f" },
        ],
      },
    }),
    expect: {
      status: "fail",
      severity: "medium",
      checks: ["rotation-overdue", "rotated"],
      messageIncludes: "120 days",
    },
  },
  {
    name: "all rotated recently passes",
    snapshot: snapshot({
      config: { value: { gateway: { auth: { token: envRef("GW") } } } },
      rotations: {
        known: true,
        value: [{ target: "gateway.auth.token", at: "2026-11-01T00:00:00Z", fingerprint: "a…b", by: "ana" }],
      },
    }),
    expect: { status: "pass", evidenceIncludes: "24 days ago by ana" },
  },
  {
    name: "rotation log unavailable: unknown",
    snapshot: snapshot({
      config: { value: { hooks: { token: envRef("H") } } },
      rotations: { known: false, reason: "no rotation log" },
    }),
    expect: { status: "unknown", messageIncludes: "no rotation log" },
  },
]);
