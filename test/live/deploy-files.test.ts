import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { credentialsItems } from "../../src/catalog/credentials.js";
import { liveFindings } from "../../src/catalog/live-checks.js";
import { n04 } from "../../src/catalog/network.js";
import { s02, s06, s07 } from "../../src/catalog/sandbox.js";
import {
  findDeployFiles,
  parseComposeFile,
  parseDockerfile,
  parseKubernetes,
} from "../../src/deployment/host/deploy-files.js";
import { collectSystemdUnits } from "../../src/deployment/host/systemd.js";
import { cloudflaredIngress, parseServeStatus } from "../../src/deployment/host/tunnels.js";
import type { LiveFacts } from "../../src/model/live-facts.js";
import { known, notKnown } from "../../src/model/snapshot.js";
import { snapshot } from "../catalog/snapshot-fixture.js";

const fx = join(import.meta.dirname, "..", "fixtures", "host");

function liveWith(parts: Partial<LiveFacts>): LiveFacts {
  const none = notKnown("not collected in this test");
  return {
    deep: false,
    gatewayPort: 18789,
    processes: known([]),
    systemd: known([]),
    sockets: known([]),
    firewall: none,
    tunnels: none,
    containers: none,
    compose: known([]),
    dockerfiles: known([]),
    kubernetes: none,
    ...parts,
  };
}

describe("deployment files", () => {
  it("finds compose files, Dockerfiles/Containerfiles and YAML under the deployment folder", async () => {
    const set = await findDeployFiles([fx]);
    expect(set.compose.map((f) => f.slice(fx.length + 1)).sort()).toEqual([
      "hardened/compose.yaml",
      "insecure/docker-compose.yml",
    ]);
    expect(set.dockerfiles.map((f) => f.slice(fx.length + 1)).sort()).toEqual([
      "hardened/Containerfile",
      "insecure/Dockerfile",
    ]);
    expect(set.yaml.some((f) => f.endsWith("k8s-insecure/gateway.yaml"))).toBe(true);
  });

  it("compose: user, network_mode, privileged, ro/rw volumes and the engine socket, with lines", async () => {
    const [gw, redis] = await parseComposeFile(join(fx, "insecure", "docker-compose.yml"));
    expect(gw).toMatchObject({
      name: "openclaw-gateway",
      user: "root",
      networkMode: "host",
      privileged: true,
      line: 2,
    });
    expect(gw?.volumes).toEqual([
      { source: "./state", target: "/home/node/.openclaw", readOnly: false, engineSocket: false, line: 8 },
      {
        source: "/var/run/docker.sock",
        target: "/var/run/docker.sock",
        readOnly: false,
        engineSocket: true,
        line: 9,
      },
    ]);
    expect(redis?.name).toBe("redis");
    const [hard] = await parseComposeFile(join(fx, "hardened", "compose.yaml"));
    expect(hard).toMatchObject({
      user: "10001:10001",
      readOnly: true,
      ports: ["127.0.0.1:18789:18789"],
      networks: ["openclaw"],
    });
    expect(hard?.volumes.map((v) => v.readOnly)).toEqual([true, true]);
  });

  it("Dockerfile: the final stage's USER (a new FROM resets to root), continuation lines", async () => {
    expect(await parseDockerfile(join(fx, "insecure", "Dockerfile"))).toMatchObject({ exposes: ["18789"] });
    expect((await parseDockerfile(join(fx, "insecure", "Dockerfile")))?.user).toBeUndefined();
    expect(await parseDockerfile(join(fx, "hardened", "Containerfile"))).toMatchObject({
      user: "openclaw",
      userLine: 4,
    });
  });

  it("S-02 / S-06 / S-07 judge the parsed files", async () => {
    const compose = [
      ...(await parseComposeFile(join(fx, "insecure", "docker-compose.yml"))),
      ...(await parseComposeFile(join(fx, "hardened", "compose.yaml"))),
    ];
    const dockerfiles = [
      await parseDockerfile(join(fx, "insecure", "Dockerfile")),
      await parseDockerfile(join(fx, "hardened", "Containerfile")),
    ].flatMap((d) => (d ? [d] : []));
    const s = snapshot({ live: liveWith({ compose: known(compose), dockerfiles: known(dockerfiles) }) });
    const st = (fs: ReturnType<typeof liveFindings>, file: string) =>
      fs?.filter((f) => f.location?.file.includes(file)).map((f) => `${f.checkId}:${f.status}`);
    expect(st(liveFindings(s02, s), "insecure")).toEqual(["S-02.compose-not-isolated:fail"]);
    expect(st(liveFindings(s02, s), "hardened")).toEqual(["S-02.compose-isolated:pass"]);
    expect(st(liveFindings(s06, s), "insecure")?.sort()).toEqual([
      "S-06.compose-root:fail",
      "S-06.dockerfile-root:warn",
    ]);
    expect(st(liveFindings(s06, s), "hardened")).toEqual(["S-06.dockerfile-non-root:pass"]);
    expect(st(liveFindings(s07, s), "insecure")).toEqual(["S-07.compose-engine-socket:fail"]);
    expect(st(liveFindings(s07, s), "hardened")).toEqual(["S-07.compose-read-only:pass"]);
  });
});

describe("Kubernetes manifests and Helm values (C-04)", () => {
  it("finds literal tokens in env and Secret/Helm files, never the value, and env from secretKeyRef", async () => {
    const k8s = await parseKubernetes([
      join(fx, "k8s-insecure", "gateway.yaml"),
      join(fx, "k8s-insecure", "values.yaml"),
    ]);
    const w = k8s.workloads[0];
    expect(w).toMatchObject({
      kind: "Deployment",
      name: "openclaw-gateway",
      namespace: "agents",
      openclaw: true,
    });
    const env = Object.fromEntries((w?.containers[0]?.env ?? []).map((e) => [e.name, e]));
    expect(env.ANTHROPIC_API_KEY?.secretFingerprint).toMatch(/^sk-ant…\w{4} \(sha256:[0-9a-f]{8}\)$/);
    expect(env.OPENCLAW_GATEWAY_TOKEN?.secretRule).toBeDefined();
    expect(env.OPENCLAW_GATEWAY_TOKEN?.secretFingerprint).toMatch(/\(sha256:[0-9a-f]{8}\)$/);
    expect(env.OPENCLAW_STATE_DIR?.secretFingerprint).toBeUndefined();
    const text =
      readFileSync(join(fx, "k8s-insecure", "gateway.yaml"), "utf8") +
      readFileSync(join(fx, "k8s-insecure", "values.yaml"), "utf8");
    const secretValues = [...text.matchAll(/(?:value|token|apiKey|botToken): "([^"]+)"/g)].map(
      (m) => m[1] as string,
    );
    expect(secretValues.length).toBeGreaterThanOrEqual(4);
    const dumped = JSON.stringify(k8s);
    for (const v of secretValues) expect(dumped).not.toContain(v);
    expect(k8s.literalSecrets.map((l) => l.where).sort()).toEqual(
      ["Secret openclaw-telegram stringData.botToken", "helm values", "helm values"].sort(),
    );
    const envLine = env.ANTHROPIC_API_KEY?.line;
    expect(envLine).toBe(
      readFileSync(join(fx, "k8s-insecure", "gateway.yaml"), "utf8")
        .split("\n")
        .findIndex((l) => l.includes("sk-ant-")) + 1,
    );
    // The env literal is reported on the env entry only, not twice.
    expect(k8s.literalSecrets.some((l) => l.file.endsWith("gateway.yaml") && l.line === envLine)).toBe(false);

    const hard = await parseKubernetes([join(fx, "k8s-hardened", "gateway.yaml")]);
    expect(hard.workloads[0]?.containers[0]?.env[0]).toMatchObject({
      name: "OPENCLAW_GATEWAY_TOKEN",
      from: "secretKeyRef",
    });
    expect(hard.networkPolicies).toEqual([
      expect.objectContaining({ name: "openclaw-gateway-ingress", podSelector: { app: "openclaw" } }),
    ]);
    expect(hard.literalSecrets).toEqual([]);
  });

  it("C-04: privileged pod and missing NetworkPolicy fail/warn; the hardened manifests pass", async () => {
    const c04 = credentialsItems.find((i) => i.id === "C-04");
    if (!c04) throw new Error("C-04 missing");
    const bad = snapshot({
      live: liveWith({
        kubernetes: known(await parseKubernetes([join(fx, "k8s-insecure", "gateway.yaml")])),
      }),
    });
    const checks = (liveFindings(c04, bad) ?? []).map((f) => `${f.checkId}:${f.status}`).sort();
    expect(checks).toEqual([
      "C-04.k8s-no-networkpolicy:warn",
      "C-04.k8s-privileged:fail",
      "C-04.k8s-root:warn",
    ]);
    const good = snapshot({
      live: liveWith({
        kubernetes: known(await parseKubernetes([join(fx, "k8s-hardened", "gateway.yaml")])),
      }),
    });
    expect(liveFindings(c04, good)).toBeUndefined();
  });
});

describe("tunnels and systemd", () => {
  it("tailscale serve status: proxies and funnel; cloudflared ingress to the gateway port", () => {
    const st = parseServeStatus(JSON.parse(readFileSync(join(fx, "tailscale", "serve-status.json"), "utf8")));
    expect(st).toEqual({ funnel: true, proxies: ["http://127.0.0.1:18789"] });
    const ingress = cloudflaredIngress(readFileSync(join(fx, "cloudflared", "config.yml"), "utf8"), 18789);
    expect(ingress).toEqual(["agent.example.com → http://localhost:18789"]);
    expect(cloudflaredIngress("ingress: [{service: 'http://localhost:3000'}]", 18789)).toEqual([]);
  });

  it("N-04: funnel warns; a container publishing the gateway on 0.0.0.0 is a direct exposure", () => {
    const tunnels = known({
      tailscale: {
        installed: true,
        running: true,
        serve: known({ funnel: true, proxies: ["http://127.0.0.1:18789"] }),
      },
      cloudflared: { installed: false, pids: [], configFiles: [], ingressToGateway: [] },
      ssh: { listening: true, ports: [22] },
      paths: ["tailscale-funnel" as const, "ssh" as const],
    });
    const gwContainer = {
      id: "x",
      name: "openclaw-gateway",
      image: "ghcr.io/openclaw/openclaw",
      state: "running",
      role: "gateway" as const,
      networkMode: "bridge",
      networks: ["bridge"],
      user: "",
      readOnlyRootfs: false,
      privileged: false,
      capAdd: [],
      capDrop: [],
      securityOpt: [],
      mounts: [],
      publishedPorts: [{ containerPort: "18789/tcp", hostIp: "", hostPort: "18789" }],
      pidMode: "",
    };
    const containers = known({
      endpoint: "/run/podman/podman.sock",
      engine: "podman",
      version: "4.3.1",
      containers: [gwContainer],
      networks: [],
    });
    const f = liveFindings(n04, snapshot({ live: liveWith({ tunnels, containers }) })) ?? [];
    expect(f.map((x) => `${x.checkId}:${x.status}`).sort()).toEqual([
      "N-04.live-direct-exposure:fail",
      "N-04.live-tailscale-funnel:warn",
    ]);
    expect(f[0]?.message).toContain("0.0.0.0:18789->18789/tcp");
  });

  it("N-04: gateway.tailscale.mode serve without a running Tailscale is a warn; loopback-only with ssh passes", () => {
    const tunnels = known({
      tailscale: {
        installed: false,
        running: false,
        serve: notKnown<{ funnel: boolean; proxies: string[] }>("tailscale is not installed"),
      },
      cloudflared: { installed: false, pids: [], configFiles: [], ingressToGateway: [] },
      ssh: { listening: true, ports: [22] },
      paths: ["ssh" as const],
    });
    const withServe = snapshot({
      config: { value: { gateway: { tailscale: { mode: "serve" } } } },
      live: liveWith({ tunnels }),
    });
    expect((liveFindings(n04, withServe) ?? []).map((x) => `${x.checkId}:${x.status}`)).toEqual([
      "N-04.live-tailscale-not-running:warn",
    ]);
    const plain = liveFindings(n04, snapshot({ live: liveWith({ tunnels }) })) ?? [];
    expect(plain.map((x) => `${x.checkId}:${x.status}`)).toEqual(["N-04.live-no-direct-exposure:pass"]);
    expect(plain[0]?.message).toContain("ssh");
  });

  it("systemd units: User= and hardening directives; no User= means root", async () => {
    const units = await collectSystemdUnits([join(fx, "systemd")]);
    if (!units.known) throw new Error(units.reason);
    const byFile = Object.fromEntries(units.value.map((u) => [u.file.split("/").pop(), u]));
    expect(byFile["openclaw-gateway.service"]).toMatchObject({
      user: "openclaw",
      directives: { NoNewPrivileges: "yes", ProtectSystem: "strict", PrivateTmp: "yes" },
    });
    expect(byFile["openclaw-root.service"]?.user).toBeUndefined();
    const s06 = (await import("../../src/catalog/sandbox.js")).s06;
    const f = liveFindings(s06, snapshot({ live: liveWith({ systemd: units }) })) ?? [];
    expect(f.map((x) => `${x.checkId}:${x.status}`).sort()).toEqual([
      "S-06.systemd-hardened:pass",
      "S-06.systemd-root:fail",
    ]);
  });
});

describe("withLiveEvidence", () => {
  it("replaces a needs-live placeholder with host findings, keeps config findings, and leaves skipped items alone", async () => {
    const { withLiveEvidence } = await import("../../src/catalog/live-checks.js");
    const { n01: item } = await import("../../src/catalog/network.js");
    const wrapped = withLiveEvidence(item);
    const sockets = known([
      {
        proto: "tcp" as const,
        address: "0.0.0.0",
        port: 18789,
        inode: 1,
        loopback: false,
        wildcard: true,
        pids: [42],
        process: "openclaw-gatewa",
      },
    ]);
    const withLive = wrapped.evaluate(snapshot({ live: liveWith({ sockets }) }));
    expect(withLive.map((f) => f.checkId)).toContain("N-01.live-config-mismatch");
    expect(withLive.some((f) => f.checkId.endsWith(".needs-live"))).toBe(false);
    const configOnly = item.evaluate(snapshot({ live: liveWith({ sockets }) })).map((f) => f.checkId);
    expect(withLive.map((f) => f.checkId).slice(0, configOnly.length)).toEqual(configOnly);
    // Without live facts the wrapped item answers exactly like the config-only one.
    expect(wrapped.evaluate(snapshot())).toEqual(item.evaluate(snapshot()));
    const remote = snapshot({
      config: { value: { gateway: { mode: "remote" } } },
      live: liveWith({ sockets }),
    });
    expect(wrapped.evaluate(remote)).toEqual(item.evaluate(remote));
  });
});

describe("deployment folder walk", () => {
  it("skips a repo's test data, dependencies and build output below the root", async () => {
    const repo = join(import.meta.dirname, "..", "..");
    const set = await findDeployFiles([repo]);
    const all = [...set.compose, ...set.dockerfiles, ...set.yaml];
    expect(
      all.some((f) => f.includes("/test/") || f.includes("/node_modules/") || f.includes("/fixtures/")),
    ).toBe(false);
  });
});

describe("N-01 without a running gateway", () => {
  it("says so as a skip, so the config answer is not downgraded", async () => {
    const { n01: item } = await import("../../src/catalog/network.js");
    const f = liveFindings(item, snapshot({ live: liveWith({ sockets: known([]) }) })) ?? [];
    expect(f.map((x) => `${x.checkId}:${x.status}`)).toEqual(["N-01.live-not-running:skip"]);
  });
});

describe("nothing running on the audited host", () => {
  it("S-02/S-06 say so (skip) or name the unreadable source (unknown); N-02 defers to a loopback config", async () => {
    const { s02: i02, s06: i06 } = await import("../../src/catalog/sandbox.js");
    const { n02: in02 } = await import("../../src/catalog/network.js");
    const engine = known({
      endpoint: "/run/podman/podman.sock",
      engine: "podman",
      version: "4.3.1",
      containers: [],
      networks: [],
    });
    const st = (f: ReturnType<typeof liveFindings>) => (f ?? []).map((x) => `${x.checkId}:${x.status}`);
    expect(st(liveFindings(i02, snapshot({ live: liveWith({ containers: engine }) })))).toEqual([
      "S-02.live-nothing-running:skip",
    ]);
    const noEngine = liveFindings(i02, snapshot({ live: liveWith({}) })) ?? [];
    expect(st(noEngine)).toEqual(["S-02.live-unknown:unknown"]);
    expect(noEngine[0]?.message).toContain("not collected in this test");
    expect(st(liveFindings(i06, snapshot({ live: liveWith({}) })))).toEqual(["S-06.live-not-running:skip"]);
    const openFw = known({
      port: 18789,
      backends: [],
      source: "nftables" as const,
      verdicts: [
        { family: "ipv4" as const, exposure: "open" as const, allowed: [], decidedBy: ["x"], uncertain: [] },
      ],
    });
    expect(liveFindings(in02, snapshot({ live: liveWith({ firewall: openFw }) }))).toEqual([]);
    const lan = snapshot({
      config: { value: { gateway: { bind: "lan" } } },
      live: liveWith({ firewall: openFw }),
    });
    expect(st(liveFindings(in02, lan))).toEqual(["N-02.live-port-open:warn"]);
  });
});
