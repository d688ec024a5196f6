import { s06 } from "../../../src/catalog/sandbox.js";
import { runCases } from "../check-tester.js";
import { hardened } from "../helpers/sandbox.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(s06, [
  {
    name: "a state dir owned by a normal user still needs --live",
    snapshot: snapshot(),
    expect: { status: "unknown", checks: ["needs-live"], messageIncludes: "uid 1000" },
  },
  {
    name: "a root-owned state dir warns",
    snapshot: snapshot({
      state: { entries: [{ path: "", kind: "dir", mode: 0o700, uid: 0, gid: 0, size: 4096, mtimeMs: 0 }] },
    }),
    expect: {
      status: "warn",
      severity: "medium",
      checks: ["state-dir-root-owned", "needs-live"],
      remediationIncludes: "useradd",
    },
  },
  { name: "real hardened config: config cannot decide", snapshot: hardened(), expect: { status: "unknown" } },
]);
