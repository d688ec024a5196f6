import type { K8sFacts, LiveFacts } from "../../model/live-facts.js";
import type { Snapshot } from "../../model/snapshot.js";
import { finding } from "../finding.js";
import { needsLive } from "../helpers.js";
import type { CatalogItem, Evidence, Finding } from "../types.js";

function k8sFindings(k8s: K8sFacts): Finding[] {
  const workloads = k8s.workloads.filter((w) => w.openclaw);
  if (workloads.length === 0 && k8s.literalSecrets.length === 0)
    return [
      finding(c04, {
        check: "not-kubernetes",
        status: "skip",
        message: `No Kubernetes workload runs OpenClaw (${k8s.files.length} manifest file(s) read).`,
      }),
    ];
  const out: Finding[] = [];
  const fromSecrets: Evidence[] = [];
  for (const w of workloads)
    for (const c of w.containers)
      for (const env of c.env) {
        const location = { file: w.file, ...(env.line !== undefined ? { line: env.line } : {}) };
        const label = `${w.kind}/${w.name} container ${c.name} env ${env.name}`;
        if (env.from === "value" && env.secretFingerprint)
          out.push(
            finding(c04, {
              check: "hardcoded-env",
              status: "fail",
              message: `${label} holds a literal credential.`,
              evidence: [
                { message: `${label} = literal`, source: "host", value: env.secretFingerprint, location },
              ],
              remediation: `Move it into a Secret and reference it: env: [{ name: ${env.name}, valueFrom: { secretKeyRef: { name: <secret>, key: <key> } } }]; rotate the exposed value.`,
              location,
              subject: label,
            }),
          );
        else if (env.from === "secretKeyRef")
          fromSecrets.push({ message: `${label} comes from a Secret`, source: "host", location });
      }
  for (const lit of k8s.literalSecrets) {
    const location = { file: lit.file, ...(lit.line !== undefined ? { line: lit.line } : {}) };
    out.push(
      finding(c04, {
        check: "literal-secret-manifest",
        status: "fail",
        message: `${lit.where} in ${lit.file} commits a credential to a manifest file.`,
        evidence: [
          { message: `${lit.where} (${lit.rule})`, source: "host", value: lit.fingerprint, location },
        ],
        remediation:
          "Keep Secret values out of files: create them with `kubectl create secret` from a vault, or use External Secrets / Sealed Secrets; rotate the committed value.",
        location,
        subject: `${lit.file}:${lit.where}`,
      }),
    );
  }
  for (const u of k8s.unreadable)
    out.push(
      finding(c04, {
        check: "manifest-unreadable",
        status: "unknown",
        message: `${u.file} could not be parsed: ${u.reason}`,
        location: { file: u.file },
        subject: u.file,
      }),
    );
  if (out.length === 0)
    out.push(
      finding(c04, {
        check: "secrets-used",
        status: "pass",
        message: `${workloads.length} OpenClaw workload(s) take no literal credentials (${fromSecrets.length} env value(s) come from Secrets).`,
        evidence: fromSecrets.slice(0, 20),
      }),
    );
  return out;
}
export const c04: CatalogItem = {
  evaluateLive: (s, live) => liveC04(c04, s, live),
  id: "C-04",
  title: "K8s: use Secrets",
  category: "credentials",
  priority: "P1",
  action: "In Kubernetes deployments, use Secrets or Vault — never hardcode tokens in containers",
  verification: "K8s config review",
  why: "Tokens baked into images or pod specs are readable by anyone with access to the registry, the manifests or `kubectl get pod -o yaml`.",
  openclaw: [],
  fix: "assisted",
  needs: ["live"],
  evaluate(s) {
    if (!s.live) return [needsLive(c04, "Kubernetes manifests and pod environment are read on the host")];
    const fact = s.live.kubernetes;
    if (!fact.known)
      return [
        finding(c04, {
          check: "k8s-unknown",
          status: "unknown",
          message: `Kubernetes manifests could not be read: ${fact.reason}`,
          remediation:
            fact.hint ?? "Re-run with the manifests readable (or a kubectl context for the cluster).",
        }),
      ];
    return k8sFindings(fact.value);
  },
};

// ─── C-04: pod security and network policy (token checks live in credentials.ts) ───────────────────

function liveC04(item: CatalogItem, _s: Snapshot, live: LiveFacts): Finding[] | undefined {
  if (!live.kubernetes.known) return undefined;
  const k8s = live.kubernetes.value;
  const out: Finding[] = [];
  for (const w of k8s.workloads.filter((x) => x.openclaw)) {
    const location = { file: w.file, ...(w.line ? { line: w.line } : {}) };
    const label = `${w.kind}/${w.name}`;
    const privileged = w.containers.filter((c) => c.privileged === true).map((c) => c.name);
    const root = w.containers
      .filter(
        (c) =>
          (c.runAsUser ?? w.podRunAsUser) === 0 ||
          ((c.runAsNonRoot ?? w.podRunAsNonRoot) !== true && (c.runAsUser ?? w.podRunAsUser) === undefined),
      )
      .map((c) => c.name);
    if (privileged.length || w.hostNetwork)
      out.push(
        finding(item, {
          check: "k8s-privileged",
          status: "fail",
          message: `${label}: ${privileged.length ? `privileged container(s) ${privileged.join(", ")}` : ""}${w.hostNetwork ? `${privileged.length ? "; " : ""}hostNetwork: true` : ""}.`,
          location,
          evidence: [{ message: label, source: "host", location }],
          remediation: "Remove privileged: true and hostNetwork: true from the pod spec.",
          subject: `${label}:privileged`,
        }),
      );
    if (root.length)
      out.push(
        finding(item, {
          check: "k8s-root",
          status: "warn",
          message: `${label}: container(s) ${root.join(", ")} may run as root (no runAsNonRoot / runAsUser).`,
          location,
          evidence: [{ message: label, source: "host", location }],
          remediation:
            "Set securityContext: { runAsNonRoot: true, runAsUser: 1000, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true }.",
          subject: `${label}:root`,
        }),
      );
    const covered = k8s.networkPolicies.some(
      (np) =>
        (np.namespace ?? "default") === (w.namespace ?? "default") &&
        Object.entries(np.podSelector).every(([k, v]) => w.labels[k] === v),
    );
    if (!covered)
      out.push(
        finding(item, {
          check: "k8s-no-networkpolicy",
          status: "warn",
          message: `${label}: no NetworkPolicy selects the gateway pod; every pod in the cluster can reach it.`,
          location,
          evidence: [
            { message: `${k8s.networkPolicies.length} NetworkPolicy object(s) read`, source: "host" },
          ],
          remediation:
            "Add a NetworkPolicy that selects the gateway pod and allows ingress only from the ingress controller or tunnel.",
          subject: `${label}:netpol`,
        }),
      );
  }
  return out.length ? out : undefined;
}
