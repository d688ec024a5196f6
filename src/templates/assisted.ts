/**
 * Files clawwarden writes for a person to review and install (assisted fixes). Nothing here is
 * applied to the host: firewall rules, service units and manifests change how the machine runs.
 */
export interface AssistedInput {
  port: number;
  stateDir: string;
  configPath: string;
  /** Addresses allowed to reach the gateway port when a firewall opens it at all. */
  allowFrom: string[];
}

export function nftRules(i: AssistedInput): string {
  const allow = i.allowFrom.length ? i.allowFrom.join(", ") : "";
  return `#!/usr/sbin/nft -f
# clawwarden N-02: the OpenClaw gateway port ${i.port}/tcp is reachable from loopback${allow ? " and the listed addresses" : " only"}.
# Review, then load with: sudo nft -f ./openclaw-gateway.nft   (persist via /etc/nftables.conf)
table inet openclaw_gateway {
  set allowed_v4 {
    type ipv4_addr
    flags interval
${allow ? `    elements = { ${i.allowFrom.filter((a) => !a.includes(":")).join(", ") || "127.0.0.1"} }\n` : ""}  }
  chain input {
    type filter hook input priority -10; policy accept;
    iif "lo" tcp dport ${i.port} accept
    ip saddr @allowed_v4 tcp dport ${i.port} accept
    tcp dport ${i.port} counter drop comment "openclaw gateway: not from the allow list"
  }
}
`;
}

export function ufwScript(i: AssistedInput): string {
  const lines = i.allowFrom.map(
    (a) => `ufw allow from ${a} to any port ${i.port} proto tcp comment 'openclaw gateway'`,
  );
  return `#!/bin/sh
# clawwarden N-02: ufw variant. Review, then run as root. Loopback traffic is never filtered by ufw.
set -e
${lines.join("\n")}${lines.length ? "\n" : ""}ufw deny ${i.port}/tcp comment 'openclaw gateway: not from the allow list'
ufw status numbered
`;
}

export function systemdUnit(i: AssistedInput): string {
  return `# clawwarden S-06: run the gateway as a dedicated unprivileged user with systemd sandboxing.
# Install:
#   sudo useradd --system --home-dir /var/lib/openclaw --create-home --shell /usr/sbin/nologin openclaw
#   sudo cp -a ${i.stateDir} /var/lib/openclaw/.openclaw && sudo chown -R openclaw: /var/lib/openclaw
#   sudo cp openclaw-gateway.service /etc/systemd/system/ && sudo systemctl daemon-reload
#   sudo systemctl enable --now openclaw-gateway
[Unit]
Description=OpenClaw gateway (hardened by clawwarden)
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=openclaw
Group=openclaw
Environment=HOME=/var/lib/openclaw
Environment=OPENCLAW_STATE_DIR=/var/lib/openclaw/.openclaw
Environment=OPENCLAW_NO_AUTO_UPDATE=1
# The gateway token is read from /var/lib/openclaw/.openclaw/.env (0600), never from this unit.
ExecStart=/usr/bin/env openclaw gateway run --bind loopback --port ${i.port}
Restart=on-failure
RestartSec=5
UMask=0077
NoNewPrivileges=yes
PrivateTmp=yes
PrivateDevices=yes
ProtectSystem=strict
ProtectHome=read-only
ReadWritePaths=/var/lib/openclaw
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
RestrictSUIDSGID=yes
RestrictRealtime=yes
RestrictNamespaces=yes
LockPersonality=yes
MemoryDenyWriteExecute=no
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK
CapabilityBoundingSet=
AmbientCapabilities=
SystemCallArchitectures=native
SystemCallFilter=@system-service

[Install]
WantedBy=multi-user.target
`;
}

export function dockerCompose(i: AssistedInput): string {
  return `# clawwarden S-02/S-03/S-07: the gateway in its own container and network, non-root, read-only root fs.
# Sandboxes it starts use docker.network "none" (set in openclaw.json), so they have no egress.
# Review, then: docker compose up -d
services:
  openclaw:
    image: node:24-bookworm-slim
    command: ["npx", "--yes", "openclaw@latest", "gateway", "run", "--bind", "loopback", "--port", "${i.port}"]
    user: "1000:1000"
    read_only: true
    tmpfs: ["/tmp"]
    cap_drop: ["ALL"]
    security_opt: ["no-new-privileges:true"]
    environment:
      HOME: /home/openclaw
      OPENCLAW_STATE_DIR: /home/openclaw/.openclaw
    env_file: ["${i.stateDir}/.env"]
    volumes:
      - openclaw-state:/home/openclaw/.openclaw
    networks: [openclaw]
    # Published on the host's loopback only; reach it remotely through an SSH tunnel or Tailscale.
    ports: ["127.0.0.1:${i.port}:${i.port}"]
    restart: unless-stopped
networks:
  openclaw:
    driver: bridge
volumes:
  openclaw-state: {}
`;
}

export function kubernetes(i: AssistedInput): string {
  return `# clawwarden C-04: the gateway token as a Kubernetes Secret (never in the image or the manifest),
# and a NetworkPolicy that only lets the ingress namespace reach the gateway port.
# Create the secret from the env file instead of pasting it here:
#   kubectl -n openclaw create secret generic openclaw-gateway --from-env-file=${i.stateDir}/.env
apiVersion: v1
kind: Namespace
metadata:
  name: openclaw
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: openclaw-gateway
  namespace: openclaw
spec:
  replicas: 1
  selector:
    matchLabels: { app: openclaw-gateway }
  template:
    metadata:
      labels: { app: openclaw-gateway }
    spec:
      automountServiceAccountToken: false
      securityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000, seccompProfile: { type: RuntimeDefault } }
      containers:
        - name: gateway
          image: node:24-bookworm-slim
          args: ["npx", "--yes", "openclaw@latest", "gateway", "run", "--bind", "lan", "--port", "${i.port}"]
          envFrom:
            - secretRef: { name: openclaw-gateway }
          env:
            - { name: OPENCLAW_STATE_DIR, value: /data/.openclaw }
          ports: [{ containerPort: ${i.port} }]
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } }
          volumeMounts: [{ name: state, mountPath: /data }, { name: tmp, mountPath: /tmp }]
      volumes:
        - { name: state, persistentVolumeClaim: { claimName: openclaw-state } }
        - { name: tmp, emptyDir: {} }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: openclaw-gateway
  namespace: openclaw
spec:
  podSelector:
    matchLabels: { app: openclaw-gateway }
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels: { kubernetes.io/metadata.name: ingress }
      ports: [{ protocol: TCP, port: ${i.port} }]
`;
}

export function tunnelRecipe(i: AssistedInput): string {
  return `# Reaching the gateway remotely without exposing it (clawwarden N-04)

The gateway listens on 127.0.0.1:${i.port} only. Pick one way in; never open the port to the internet.

## SSH tunnel (any machine with SSH access)
    ssh -N -L ${i.port}:127.0.0.1:${i.port} user@gateway-host
Then use http://127.0.0.1:${i.port} on your own machine, with the gateway token
(OPENCLAW_GATEWAY_TOKEN in ${i.stateDir}/.env on the gateway host).

## Tailscale serve (tailnet only, not the public internet)
    tailscale serve --bg ${i.port}
or set in openclaw.json: "gateway": { "tailscale": { "mode": "serve" } } and restart the gateway.
Do NOT use "funnel": it publishes the gateway to the internet.

## Cloudflare Tunnel
Use an Access policy in front of the tunnel; the gateway still requires its token.
`;
}
