import { describe, expect, it } from "vitest";
import { gateCommandProblem, installPolicyBlock } from "../../src/skills/install-gate-config.js";

/** A fake filesystem: path → [mode, uid, gid]; anything else does not exist. */
function fs(entries: Record<string, [number, number, number]>) {
  return (path: string) => {
    const e = entries[path];
    if (!e) throw new Error(`ENOENT ${path}`);
    return { mode: e[0], uid: e[1], gid: e[2] };
  };
}
const gateway = { uid: 998, gid: 998 };
const cmd = { node: "/usr/bin/node", script: "/usr/lib/node_modules/clawwarden/dist/cli/main.js" };
const system = {
  "/": [0o40755, 0, 0],
  "/usr": [0o40755, 0, 0],
  "/usr/bin": [0o40755, 0, 0],
  "/usr/bin/node": [0o100755, 0, 0],
  "/usr/lib": [0o40755, 0, 0],
  "/usr/lib/node_modules": [0o40755, 0, 0],
  "/usr/lib/node_modules/clawwarden": [0o40755, 0, 0],
  "/usr/lib/node_modules/clawwarden/dist": [0o40755, 0, 0],
  "/usr/lib/node_modules/clawwarden/dist/cli": [0o40755, 0, 0],
  "/usr/lib/node_modules/clawwarden/dist/cli/main.js": [0o100644, 0, 0],
} satisfies Record<string, [number, number, number]>;

describe("install gate command (issue 18.6)", () => {
  it("a global install, root-owned, is runnable by the gateway's user and writable by nobody else", () => {
    expect(gateCommandProblem(cmd, gateway, fs(system))).toBeUndefined();
  });

  it("an npx cache is refused whatever its modes", () => {
    const npx = { ...cmd, script: "/root/.npm/_npx/1a2b/node_modules/clawwarden/dist/cli/main.js" };
    expect(gateCommandProblem(npx, gateway, fs(system))).toMatch(/npx cache.*npm i -g clawwarden/);
  });

  it("a home directory the gateway's user cannot search is named", () => {
    const home = { ...cmd, script: "/root/cw/main.js" };
    const f = fs({
      ...system,
      "/root": [0o40700, 0, 0],
      "/root/cw": [0o40755, 0, 0],
      "/root/cw/main.js": [0o100644, 0, 0],
    });
    expect(gateCommandProblem(home, gateway, f)).toBe(
      "/root is not searchable by uid 998 (the gateway's user cannot reach /root/cw/main.js)",
    );
    // the same layout is fine when the gateway runs as the owner
    expect(gateCommandProblem(home, { uid: 0, gid: 0 }, f)).toBeUndefined();
  });

  it("a world-writable script or directory (without the sticky bit) is refused: anyone could replace the gate", () => {
    const f = fs({ ...system, "/usr/lib/node_modules": [0o40777, 0, 0] });
    expect(gateCommandProblem(cmd, gateway, f)).toMatch(/node_modules is writable by every user/);
    const g = fs({ ...system, "/usr/lib/node_modules/clawwarden/dist/cli/main.js": [0o100666, 0, 0] });
    expect(gateCommandProblem(cmd, gateway, g)).toMatch(/main\.js is writable by every user/);
  });

  it("the block carries the threshold only when it is not the default", () => {
    expect(installPolicyBlock(cmd).exec.args).toEqual([cmd.script, "install-policy"]);
    expect(installPolicyBlock(cmd, "review").exec.args).toEqual([
      cmd.script,
      "install-policy",
      "--block-at",
      "review",
    ]);
  });
});
