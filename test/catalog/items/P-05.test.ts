import { runCases } from "../check-tester.js";
import { json, p05 } from "../helpers/deployment.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(p05, [
  {
    name: "real doctor-lint-insecure.json: error findings fail",
    snapshot: snapshot({
      openclaw: { doctorLint: { known: true, value: json("doctor-lint-insecure.json") } },
    }),
    expect: {
      status: "fail",
      checks: ["doctor-errors"],
      messageIncludes: "1 error(s) and 2 warning(s)",
      evidenceIncludes: ["gateway.bind_no_auth", "config.plaintext_secrets"],
      nowhere: "123456:ABCDEF-plaintext-bot-token",
    },
  },
  {
    name: "clean lint passes",
    snapshot: snapshot({ openclaw: { doctorLint: { known: true, value: { ok: true, findings: [] } } } }),
    expect: { status: "pass", checks: ["doctor-ok"] },
  },
  {
    name: "warnings only: warn low",
    snapshot: snapshot({
      openclaw: {
        doctorLint: {
          known: true,
          value: {
            ok: true,
            findings: [{ checkId: "core/doctor/x", severity: "warning", message: "migrate heartbeat" }],
          },
        },
      },
    }),
    expect: { status: "warn", severity: "low", checks: ["doctor-warnings"] },
  },
  {
    name: "no openclaw CLI: unknown with a hint",
    snapshot: snapshot(),
    expect: { status: "unknown", checks: ["doctor-unavailable"], remediationIncludes: "--openclaw-bin" },
  },
]);
