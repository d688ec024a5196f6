import { runCases } from "../check-tester.js";
import { k01, scanned, v, withState } from "../helpers/skills.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(k01, [
  {
    name: "no scanner run: unknown, says to run clawwarden scan",
    snapshot: snapshot(withState("extensions/evil", "skills/weather")),
    expect: {
      status: "unknown",
      checks: ["needs-scanner"],
      messageIncludes: "clawwarden scan",
      evidenceIncludes: "1 non-bundled plugin(s) and 1 managed skill(s)",
    },
  },
  {
    name: "scanner could not run: unknown with its reason",
    snapshot: snapshot({ skills: { known: false, reason: "skills root unreadable" } }),
    expect: { status: "unknown", messageIncludes: "skills root unreadable" },
  },
  {
    name: "malicious skill fails critical",
    snapshot: snapshot(scanned([v("good", "clean"), v("stealer", "malicious")])),
    expect: {
      status: "fail",
      severity: "critical",
      checks: ["malicious", "scan-clean"],
      evidenceIncludes: "stealer",
    },
  },
  {
    name: "suspicious plugin fails high",
    snapshot: snapshot(scanned([v("odd", "suspicious", { kind: "plugin" })])),
    expect: {
      status: "fail",
      severity: "high",
      checks: ["suspicious"],
      remediationIncludes: "plugins uninstall odd",
    },
  },
  {
    name: "review verdict warns",
    snapshot: snapshot(scanned([v("maybe", "review")])),
    expect: { status: "warn", checks: ["review"] },
  },
  {
    name: "incomplete scan is unknown",
    snapshot: snapshot(scanned([v("huge", "incomplete"), v("ok", "clean")])),
    expect: { status: "unknown", checks: ["incomplete"] },
  },
  {
    name: "all clean passes",
    snapshot: snapshot(scanned([v("a", "clean"), v("b", "clean")])),
    expect: { status: "pass", messageIncludes: "2 installed" },
  },
  {
    name: "nothing installed passes",
    snapshot: snapshot(scanned([])),
    expect: { status: "pass", messageIncludes: "No installed skills" },
  },
]);
