import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { SystemdUnit } from "../../model/live-facts.js";
import { type Fact, known } from "../../model/snapshot.js";

/** Directives that say how confined a service is (systemd.exec(5)). */
export const HARDENING_DIRECTIVES = [
  "NoNewPrivileges",
  "ProtectSystem",
  "ProtectHome",
  "PrivateTmp",
  "PrivateDevices",
  "ProtectKernelTunables",
  "ProtectKernelModules",
  "ProtectControlGroups",
  "RestrictAddressFamilies",
  "CapabilityBoundingSet",
  "AmbientCapabilities",
  "ReadWritePaths",
  "ReadOnlyPaths",
  "DynamicUser",
  "MemoryDenyWriteExecute",
  "SystemCallFilter",
  "LockPersonality",
  "RestrictSUIDSGID",
  "UMask",
];

/** Parses the [Service] section of a unit file. Later assignments win, as in systemd. */
export function parseUnit(file: string, text: string): SystemdUnit {
  const unit: SystemdUnit = { file, directives: {} };
  let section = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    const sec = /^\[(.+)\]$/.exec(line);
    if (sec) {
      section = sec[1] ?? "";
      continue;
    }
    if (section !== "Service") continue;
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (key === "User") unit.user = value;
    else if (key === "Group") unit.group = value;
    else if (key === "ExecStart") unit.execStart = value;
    else if (HARDENING_DIRECTIVES.includes(key)) unit.directives[key] = value;
  }
  return unit;
}

export function unitDirs(home: string): string[] {
  return [
    "/etc/systemd/system",
    "/run/systemd/system",
    "/lib/systemd/system",
    "/usr/lib/systemd/system",
    join(home, ".config", "systemd", "user"),
  ];
}

/** Unit files whose ExecStart runs OpenClaw (the gateway service `openclaw gateway install` writes, or a hand-made one). */
export async function collectSystemdUnits(dirs: string[]): Promise<Fact<SystemdUnit[]>> {
  const units: SystemdUnit[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      continue; // directory absent: nothing installed there
    }
    for (const name of names.filter((n) => n.endsWith(".service"))) {
      try {
        const text = await readFile(join(dir, name), "utf8");
        if (!/openclaw/i.test(text)) continue;
        const unit = parseUnit(join(dir, name), text);
        if (unit.execStart && /openclaw/i.test(unit.execStart)) units.push(unit);
      } catch {
        /* unreadable or dangling symlink */
      }
    }
  }
  return known(units);
}
