export interface UnitOptions {
  /** Absolute path of the node binary and of clawwarden's main.js. */
  node: string;
  main: string;
  stateDir: string;
  configPath?: string;
  /** clawwarden.json to use (the service's working directory is /). */
  clawwardenConfig?: string;
  user?: string;
  /** For the timer unit: OnCalendar expression (default hourly). */
  onCalendar?: string;
}

const q = (s: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `"${s.replace(/(["\\$`])/g, "\\$1")}"`);

function execLine(o: UnitOptions, args: string[]): string {
  const target = ["--state-dir", o.stateDir, ...(o.configPath ? ["--config", o.configPath] : [])];
  const cfg = o.clawwardenConfig ? ["--clawwarden-config", o.clawwardenConfig] : [];
  return [o.node, o.main, ...args, ...target, ...cfg].map(q).join(" ");
}

const hardening = (o: UnitOptions) => `NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=read-only
ReadWritePaths=${q(`${o.stateDir}/.clawwarden`)}
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectControlGroups=yes
RestrictSUIDSGID=yes
LockPersonality=yes
MemoryMax=512M
${o.user ? `User=${o.user}\n` : ""}`;

/** The long-running watcher: restarts on failure, read-only everywhere but clawwarden's own folder. */
export function watchServiceUnit(o: UnitOptions): string {
  return `[Unit]
Description=clawwarden watch: re-audit OpenClaw on change and on schedule, alerts
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
ExecStart=${execLine(o, ["watch"])}
Restart=on-failure
RestartSec=30
${hardening(o)}
[Install]
WantedBy=multi-user.target
`;
}

/** A one-shot audit + diff + alerts, for hosts that prefer a timer to a resident process. */
export function onceServiceUnit(o: UnitOptions): string {
  return `[Unit]
Description=clawwarden scheduled audit (watch --once)

[Service]
Type=oneshot
ExecStart=${execLine(o, ["watch", "--once"])}
${hardening(o)}`;
}

export function timerUnit(o: UnitOptions): string {
  return `[Unit]
Description=clawwarden scheduled audit

[Timer]
OnCalendar=${o.onCalendar ?? "hourly"}
RandomizedDelaySec=300
Persistent=true

[Install]
WantedBy=timers.target
`;
}
