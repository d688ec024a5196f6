import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { buildPlan } from "../../src/fix/plan.js";
import { makeInsecureDeployment } from "./helpers/deployment.js";

describe("assisted fixes", () => {
  const dir = makeInsecureDeployment();
  const out = join(dir, "..", `assisted-${Date.now()}`);
  const plan = buildPlan({
    stateDir: dir,
    configPath: join(dir, "openclaw.json"),
    profile: "production",
    lang: "en",
    only: ["N-02", "N-04", "S-02", "S-06", "C-04"],
    assisted: true,
    assistedDir: out,
    env: {},
    who: "t",
    now: new Date(),
  });
  const file = (name: string) => plan.files.find((f) => f.path === join(out, name))?.after ?? "";

  it("only writes review files into the output folder, never the deployment", () => {
    expect(plan.items.map((i) => [i.id, i.kind])).toEqual([
      ["N-02", "assisted"],
      ["N-04", "assisted"],
      ["S-06", "assisted"],
      ["S-02", "assisted"],
      ["C-04", "assisted"],
    ]);
    expect(plan.files.every((f) => f.path.startsWith(out))).toBe(true);
    expect(plan.chmods).toEqual([]);
  });

  it("the nft rules are accepted by the real nft parser (check mode, nothing loaded)", () => {
    const path = join(dir, "check.nft");
    execFileSync("bash", ["-c", 'cat > "$1"', "_", path], { input: file("openclaw-gateway.nft") });
    // -c: parse and evaluate only; run in a fresh netns so even a bug could not touch the host
    execFileSync("unshare", ["-n", "nft", "-c", "-f", path]);
    expect(file("openclaw-gateway.nft")).toContain("tcp dport 18789 counter drop");
    expect(file("openclaw-gateway-ufw.sh")).toContain("ufw deny 18789/tcp");
  });

  it("the systemd unit runs as a dedicated user with sandboxing directives", () => {
    const unit = file("openclaw-gateway.service");
    for (const line of [
      "User=openclaw",
      "NoNewPrivileges=yes",
      "ProtectSystem=strict",
      "PrivateTmp=yes",
      "CapabilityBoundingSet=",
      "--bind loopback",
    ]) {
      expect(unit).toContain(line);
    }
    expect(unit).not.toMatch(/OPENCLAW_GATEWAY_TOKEN=/);
  });

  it("compose and k8s manifests are valid YAML with the hardening in place", () => {
    const compose = YAML.parse(file("docker-compose.yml"));
    expect(compose.services.openclaw).toMatchObject({
      read_only: true,
      user: "1000:1000",
      cap_drop: ["ALL"],
      networks: ["openclaw"],
    });
    expect(compose.services.openclaw.ports).toEqual(["127.0.0.1:18789:18789"]);
    const docs = YAML.parseAllDocuments(file("openclaw-k8s.yaml")).map((d) => d.toJSON());
    expect(docs.map((d) => d.kind)).toEqual(["Namespace", "Deployment", "NetworkPolicy"]);
    expect(docs[1].spec.template.spec.containers[0].envFrom[0].secretRef.name).toBe("openclaw-gateway");
    expect(file("openclaw-k8s.yaml")).not.toMatch(/OPENCLAW_GATEWAY_TOKEN:/);
    expect(file("remote-access.md")).toContain("ssh -N -L 18789:127.0.0.1:18789");
  });

  it("nothing is applied to the host: the files only exist after the transaction, in the folder", () => {
    expect(() => statSync(out)).toThrow();
    expect(readFileSync(join(dir, "openclaw.json"), "utf8")).toContain('"bind"');
  });
});
