import { execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A private Podman (Debian package) serving the Docker-compatible Engine API on a unix socket, with its own
 * storage, and a busybox image imported offline (no registry is reachable). Installed by
 * scripts/setup-test-deps.sh (podman runc busybox-static containernetworking-plugins).
 */
export interface TestPodman {
  socket: string;
  dockerHost: string;
  image: string;
  /** Builds an image that runs the host's OpenClaw (binds /usr and the OpenClaw cache read-only). */
  gatewayImage(): string;
  dir: string;
  podman(args: string[]): string;
  stop(): Promise<void>;
}

const BUSYBOX = ["/bin/busybox", "/usr/bin/busybox"].find((p) => existsSync(p));

export async function startPodman(): Promise<TestPodman> {
  if (!BUSYBOX) throw new Error("busybox-static is not installed: run scripts/setup-test-deps.sh");
  const dir = mkdtempSync(join(tmpdir(), "cw-podman-"));
  const conf = join(dir, "containers.conf");
  writeFileSync(
    conf,
    [
      "[containers]",
      "default_ulimits = []",
      "[engine]",
      'cgroup_manager = "cgroupfs"',
      'runtime = "runc"',
      'events_logger = "file"',
      "",
    ].join("\n"),
  );
  const env = { ...process.env, CONTAINERS_CONF: conf };
  const base = ["--root", join(dir, "root"), "--runroot", join(dir, "run"), "--tmpdir", join(dir, "tmp")];
  const podman = (args: string[]) =>
    execFileSync("podman", [...base, ...args], {
      env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 120_000,
    });

  // A busybox rootfs: the static binary plus the applets the tests use.
  const rootfs = join(dir, "rootfs");
  mkdirSync(join(rootfs, "bin"), { recursive: true });
  mkdirSync(join(rootfs, "tmp"));
  copyFileSync(BUSYBOX, join(rootfs, "bin", "busybox"));
  chmodSync(join(rootfs, "bin", "busybox"), 0o755);
  for (const applet of ["sh", "nc", "sleep", "cat", "id", "ls", "echo", "timeout"])
    symlinkSync("busybox", join(rootfs, "bin", applet));
  const tar = join(dir, "rootfs.tar");
  execFileSync("tar", ["-C", rootfs, "-cf", tar, "."]);
  const image = "localhost/cw-busybox:test";
  podman(["import", tar, image]);

  const socket = join(dir, "podman.sock");
  const service = spawn("podman", [...base, "system", "service", "--time=0", `unix://${socket}`], {
    env,
    stdio: "ignore",
    detached: true,
  });
  const pid = service.pid as number;
  const stop = async () => {
    try {
      podman(["rm", "-f", "-t", "0", "-a"]);
    } catch {
      /* nothing to remove */
    }
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      /* already gone */
    }
    await new Promise((r) => setTimeout(r, 300));
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      /* gone */
    }
    try {
      execFileSync("podman", [...base, "system", "reset", "-f"], { env, stdio: "ignore", timeout: 60_000 });
    } catch {
      /* best effort */
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 100));
  if (!existsSync(socket)) {
    await stop();
    throw new Error("podman system service did not create its socket");
  }
  const gatewayImage = () => {
    // busybox + /lib,/lib64 → /usr symlinks (merged /usr) so the host's Node 24 finds its libraries under a
    // read-only /usr bind; /tmp writable for every user; a passwd entry for uid 1000.
    const gw = join(dir, "gwroot");
    for (const d of ["bin", "etc", "usr", "home"]) mkdirSync(join(gw, d), { recursive: true });
    mkdirSync(join(gw, "tmp"), { mode: 0o1777 });
    chmodSync(join(gw, "tmp"), 0o1777);
    copyFileSync(BUSYBOX, join(gw, "bin", "busybox"));
    chmodSync(join(gw, "bin", "busybox"), 0o755);
    symlinkSync("busybox", join(gw, "bin", "sh"));
    symlinkSync("usr/lib", join(gw, "lib"));
    symlinkSync("usr/lib64", join(gw, "lib64"));
    writeFileSync(
      join(gw, "etc", "passwd"),
      "root:x:0:0::/root:/bin/sh\nopenclaw:x:1000:1000::/home:/bin/sh\n",
    );
    const gwTar = join(dir, "gwroot.tar");
    execFileSync("tar", ["-C", gw, "-cf", gwTar, "."]);
    podman(["import", gwTar, "localhost/cw-openclaw-base:test"]);
    return "localhost/cw-openclaw-base:test";
  };
  return { socket, dockerHost: `unix://${socket}`, image, dir, podman, stop, gatewayImage };
}
