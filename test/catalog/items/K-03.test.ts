import { runCases } from "../check-tester.js";
import { attested, k03, scanned, v } from "../helpers/skills.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(k03, [
  {
    name: "no sandboxed agent: manual with guidance to create one",
    snapshot: snapshot(),
    expect: {
      status: "manual",
      messageIncludes: "no agent has sandbox.mode",
      evidenceIncludes: "no agent with",
    },
  },
  {
    name: "sandboxed agent named in the guidance",
    snapshot: snapshot({
      config: { value: { agents: { entries: { trial: { sandbox: { mode: "all" } } } } } },
    }),
    expect: { status: "manual", messageIncludes: "trial", evidenceIncludes: "sandboxed agents: trial" },
  },
  {
    name: "review verdicts ask for a sandbox trial",
    snapshot: snapshot(scanned([v("maybe", "review")])),
    expect: { status: "warn", checks: ["trial-needed"] },
  },
  {
    name: "attested passes",
    snapshot: snapshot(attested("K-03", "2027-01-01")),
    expect: { status: "pass", evidenceIncludes: "attested by ana" },
  },
  {
    name: "expired attestation fails",
    snapshot: snapshot(attested("K-03", "2026-11-01")),
    expect: { status: "fail", checks: ["attestation-expired"] },
  },
]);
