import type { Snapshot } from "../../../src/model/snapshot.js";
import { runCases } from "../check-tester.js";
import { c04, k8s, workload } from "../helpers/credentials.js";
import { snapshot } from "../snapshot-fixture.js";

runCases(c04, [
  {
    name: "without --live: unknown, needs --live",
    snapshot: snapshot(),
    expect: { status: "unknown", checks: ["needs-live"] },
  },
  {
    name: "no OpenClaw workload: skip",
    snapshot: snapshot(k8s({})),
    expect: { status: "skip", checks: ["not-kubernetes"] },
  },
  {
    name: "literal token in pod env fails with file:line",
    snapshot: snapshot(
      k8s({
        workloads: [
          workload([
            {
              name: "OPENCLAW_GATEWAY_TOKEN",
              from: "value",
              secretFingerprint: "abc…wxyz (sha256:00000000)",
              line: 21,
            },
          ]),
        ],
      }),
    ),
    expect: {
      status: "fail",
      checks: ["hardcoded-env"],
      evidenceIncludes: ["deploy/openclaw.yaml:21", "abc…wxyz"],
    },
  },
  {
    name: "committed Secret stringData fails",
    snapshot: snapshot(
      k8s({
        literalSecrets: [
          {
            file: "deploy/secret.yaml",
            line: 8,
            where: "stringData.token",
            fingerprint: "f…p",
            rule: "generic",
          },
        ],
      }),
    ),
    expect: { status: "fail", checks: ["literal-secret-manifest"] },
  },
  {
    name: "env from secretKeyRef, non-root pod behind a NetworkPolicy passes",
    snapshot: snapshot(
      k8s({
        workloads: [
          {
            ...workload([{ name: "OPENCLAW_GATEWAY_TOKEN", from: "secretKeyRef", line: 22 }]),
            labels: { app: "openclaw" },
            podRunAsNonRoot: true,
            podRunAsUser: 1000,
          },
        ],
        networkPolicies: [{ file: "deploy/netpol.yaml", name: "openclaw", podSelector: { app: "openclaw" } }],
      }),
    ),
    expect: { status: "pass", evidenceIncludes: "comes from a Secret" },
  },
  {
    name: "with --live facts, a root pod without a NetworkPolicy warns beside the secret checks",
    snapshot: snapshot(
      k8s({ workloads: [workload([{ name: "OPENCLAW_GATEWAY_TOKEN", from: "secretKeyRef", line: 22 }])] }),
    ),
    expect: {
      status: "warn",
      checks: ["k8s-root", "k8s-no-networkpolicy"],
      evidenceIncludes: "comes from a Secret",
    },
  },
  {
    name: "kubernetes collector failed: unknown",
    snapshot: snapshot({
      live: { kubernetes: { known: false, reason: "no kubectl context" } },
    } as unknown as Partial<Snapshot>),
    expect: { status: "unknown", messageIncludes: "no kubectl context" },
  },
]);
