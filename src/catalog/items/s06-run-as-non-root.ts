import type { GatewayProcess, LiveFacts } from "../../model/live-facts.js";
import type { Snapshot } from "../../model/snapshot.js";
import { finding } from "../finding.js";
import { needsLive } from "../helpers.js";
import { containerEvidence, gatewayContainers, host, unknownFinding } from "../live-checks.js";
import type { CatalogItem, Finding } from "../types.js";

export const s06: CatalogItem = {
  evaluateLive: (s, live) => liveS06(s06, s, live),
  id: "S-06",
  title: "Run as non-root",
  category: "sandbox",
  priority: "P0",
  action: "Create a dedicated openclaw system user to run the Gateway",
  verification: "ps aux",
  why: "Whatever the agent is tricked into doing, it does with the gateway's user rights; as root that is the whole machine, as a dedicated user it is one home directory.",
  openclaw: [],
  fix: "assisted",
  needs: ["state", "live"],
  evaluate(s) {
    const out: Finding[] = [];
    const root = s.state.entries.find((e) => e.path === "");
    if (root && root.uid === 0) {
      out.push(
        finding(s06, {
          check: "state-dir-root-owned",
          status: "warn",
          severity: "medium",
          message: `The state dir ${s.state.root} is owned by root (uid 0): the gateway that writes it most likely runs as root.`,
          evidence: [
            { message: `${s.state.root} owner uid 0`, source: "state", location: { file: s.state.root } },
          ],
          remediation:
            "Create a system user (`useradd --system --create-home openclaw`), move the state dir to it (`chown -R openclaw: ~openclaw/.openclaw`) and run the gateway service as that user.",
          subject: "state-dir-owner",
        }),
      );
    }
    out.push({
      ...needsLive(
        s06,
        `the user the gateway process runs as is only visible on the live host${root ? ` (the state dir is owned by uid ${root.uid})` : ""}`,
      ),
    });
    return out;
  },
};

// ─── S-06: non-root ──────────────────────────────────────────────────────────────────────────────

function isRootUser(u: string | undefined): boolean {
  return (
    u === undefined || u === "" || u === "0" || u === "root" || u.startsWith("0:") || u.startsWith("root:")
  );
}

function liveS06(item: CatalogItem, _s: Snapshot, live: LiveFacts): Finding[] | undefined {
  const out: Finding[] = [];
  const procs: GatewayProcess[] = live.processes.known ? live.processes.value : [];
  for (const p of procs) {
    const ev = [
      host(
        `gateway pid ${p.pid} (${p.name}) runs as uid ${p.uid}${p.user ? ` (${p.user})` : ""}${p.containerId ? ` in container ${p.containerId.slice(0, 12)}` : ""}, started ${p.startedAt ?? "?"}`,
      ),
    ];
    out.push(
      finding(item, {
        check: p.uid === 0 ? "live-process-root" : "live-process-non-root",
        status: p.uid === 0 && !p.containerId ? "fail" : p.uid === 0 ? "warn" : "pass",
        message:
          p.uid === 0
            ? `The gateway (pid ${p.pid}) runs as root${p.containerId ? " inside a container (root in the container)" : ""}.`
            : `The gateway (pid ${p.pid}) runs as ${p.user ?? `uid ${p.uid}`}.`,
        evidence: ev,
        ...(p.uid === 0
          ? {
              remediation:
                "Create a dedicated user (`useradd --system openclaw`) and run the gateway as it (systemd `User=openclaw`).",
            }
          : {}),
        subject: `pid-${p.pid}`,
      }),
    );
  }
  if (live.systemd.known) {
    for (const u of live.systemd.value) {
      const missing = ["NoNewPrivileges", "ProtectSystem", "PrivateTmp"].filter((d) => !(d in u.directives));
      const root = isRootUser(u.user) && !u.file.includes("/.config/systemd/user/");
      out.push(
        finding(item, {
          check: root ? "systemd-root" : missing.length ? "systemd-unhardened" : "systemd-hardened",
          status: root ? "fail" : missing.length ? "warn" : "pass",
          message: root
            ? `Unit ${u.file} has no User= (or User=root): the gateway runs as root.`
            : missing.length
              ? `Unit ${u.file} runs as ${u.user} but lacks ${missing.join(", ")}.`
              : `Unit ${u.file} runs as ${u.user} with ${Object.keys(u.directives).join(", ")}.`,
          evidence: [
            {
              message: `User=${u.user ?? "(unset)"}; ${Object.entries(u.directives)
                .map(([k, v]) => `${k}=${v}`)
                .join("; ")}`,
              source: "host",
              location: { file: u.file },
            },
          ],
          location: { file: u.file },
          subject: u.file,
        }),
      );
    }
  }
  for (const c of gatewayContainers(live)) {
    const root = isRootUser(c.user);
    out.push(
      finding(item, {
        check: root ? "live-container-root" : "live-container-non-root",
        status: root ? "fail" : "pass",
        message: root
          ? `Gateway container ${c.name} runs as root (user ${c.user || "image default"}).`
          : `Gateway container ${c.name} runs as ${c.user}.`,
        evidence: [containerEvidence(c)],
        ...(root
          ? {
              remediation:
                'Set a non-root user: `--user 1000:1000` / compose `user: "1000:1000"` / USER in the Dockerfile.',
            }
          : {}),
        subject: c.name,
      }),
    );
  }
  if (live.dockerfiles.known)
    for (const d of live.dockerfiles.value) {
      const location = { file: d.file, ...(d.userLine ? { line: d.userLine } : {}) };
      const root = isRootUser(d.user);
      out.push(
        finding(item, {
          check: root ? "dockerfile-root" : "dockerfile-non-root",
          status: root ? "warn" : "pass",
          message: root
            ? `${d.file}: the final stage has no USER (or USER root): containers start as root.`
            : `${d.file}: the final stage runs as USER ${d.user}.`,
          evidence: [{ message: `USER ${d.user ?? "(unset)"}`, source: "host", location }],
          location,
          subject: d.file,
        }),
      );
    }
  if (live.compose.known)
    for (const svc of live.compose.value.filter(
      (x) => /openclaw/i.test(`${x.name} ${x.image ?? ""}`) && x.user !== undefined && isRootUser(x.user),
    )) {
      const location = { file: svc.file, ...(svc.line ? { line: svc.line } : {}) };
      out.push(
        finding(item, {
          check: "compose-root",
          status: "fail",
          message: `Compose service ${svc.name} sets user ${svc.user}.`,
          evidence: [{ message: `user: ${svc.user}`, source: "host", location }],
          location,
          subject: `${svc.file}:${svc.name}`,
        }),
      );
    }
  if (out.length > 0) return out;
  if (!live.processes.known)
    return [unknownFinding(item, "gateway processes", live.processes.reason, live.processes.hint)];
  return [
    finding(item, {
      check: "live-not-running",
      status: "skip",
      message:
        "No gateway process, unit file, gateway container or Dockerfile was found on this host; run the live audit where the gateway runs.",
      subject: "not-running",
    }),
  ];
}
