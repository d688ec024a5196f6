import { join } from "node:path";
import {
  type AssistedInput,
  dockerCompose,
  kubernetes,
  nftRules,
  systemdUnit,
  tunnelRecipe,
  ufwScript,
} from "../templates/assisted.js";
import { installGateRemediation } from "./install-gate.js";
import type { FixContext, Remediation } from "./types.js";

function input(ctx: FixContext): AssistedInput {
  const port = ctx.config.get(["gateway", "port"]);
  return {
    port: typeof port === "number" ? port : 18789,
    stateDir: ctx.stateDir,
    configPath: ctx.configPath,
    allowFrom: [],
  };
}

function files(
  id: string,
  title: string,
  make: (ctx: FixContext) => Array<[string, string, number]>,
  review: string,
): Remediation {
  return {
    id,
    title,
    kind: "assisted",
    plan(ctx) {
      return {
        steps: make(ctx).map(([name, content, mode]) => ({
          kind: "write" as const,
          path: join(ctx.assistedDir, name),
          content,
          mode,
          why: "for you to review and install; not applied to this host",
        })),
        consequences: [review],
        warnings: [],
      };
    },
  };
}

export const assistedRemediations: Remediation[] = [
  installGateRemediation(),
  files(
    "N-02",
    "Firewall rules for the gateway port (nft and ufw)",
    (ctx) => [
      ["openclaw-gateway.nft", nftRules(input(ctx)), 0o600],
      ["openclaw-gateway-ufw.sh", ufwScript(input(ctx)), 0o700],
    ],
    "review the allow list, then load the nft file or run the ufw script as root",
  ),
  files(
    "N-04",
    "SSH tunnel / Tailscale serve recipe",
    (ctx) => [["remote-access.md", tunnelRecipe(input(ctx)), 0o600]],
    "follow remote-access.md instead of exposing the port",
  ),
  files(
    "S-06",
    "systemd unit with a dedicated openclaw user",
    (ctx) => [["openclaw-gateway.service", systemdUnit(input(ctx)), 0o600]],
    "create the openclaw user and install the unit (steps in the file header)",
  ),
  files(
    "S-02",
    "docker-compose with its own network, non-root, read-only root",
    (ctx) => [["docker-compose.yml", dockerCompose(input(ctx)), 0o600]],
    "review and start it with `docker compose up -d`",
  ),
  files(
    "C-04",
    "Kubernetes Secret and NetworkPolicy",
    (ctx) => [["openclaw-k8s.yaml", kubernetes(input(ctx)), 0o600]],
    "create the Secret from the env file, then `kubectl apply -f openclaw-k8s.yaml`",
  ),
];
