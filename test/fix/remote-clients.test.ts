import { execFile } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPlan, renderPlan } from "../../src/fix/plan.js";
import { parseSsPeers } from "../../src/fix/remote-clients.js";
import { makeInsecureDeployment } from "./helpers/deployment.js";

/**
 * In a network namespace made here: a listener on 0.0.0.0:18789 (like a gateway bound to lan), one
 * client from a "remote" address (10.9.9.9 on the namespace's lo) and one from 127.0.0.1; then the
 * real `ss` output that `remotePeers` reads.
 */
const script = `
set -e
ip link set lo up
ip addr add 10.9.9.9/32 dev lo
node -e '
const net = require("node:net");
const srv = net.createServer(() => {}).listen(18789, "0.0.0.0", () => {
  const a = net.connect({ port: 18789, host: "10.9.9.9", localAddress: "10.9.9.9" });
  const b = net.connect({ port: 18789, host: "127.0.0.1" });
  setTimeout(() => {
    const out = require("node:child_process").execFileSync("ss", ["-Htn", "state", "established", "( sport = :18789 )"], { encoding: "utf8" });
    process.stdout.write(out);
    a.destroy(); b.destroy(); srv.close();
  }, 300);
});'
`;

describe("remote clients of the old bind", () => {
  it("finds the non-loopback peers in real ss output and names them in the N-01 plan", async () => {
    const out = await new Promise<string>((done, fail) =>
      execFile(
        "unshare",
        ["-n", "bash", "-c", script],
        { encoding: "utf8", timeout: 30_000 },
        (e, stdout, stderr) => (e ? fail(new Error(stderr)) : done(stdout)),
      ),
    );
    expect(out.trim().split("\n")).toHaveLength(2);
    const peers = parseSsPeers(out);
    expect(peers).toEqual(["10.9.9.9"]);

    const dir = makeInsecureDeployment();
    const plan = buildPlan({
      stateDir: dir,
      configPath: join(dir, "openclaw.json"),
      profile: "personal",
      lang: "en",
      only: ["N-01"],
      assisted: false,
      assistedDir: dir,
      env: {},
      who: "t",
      now: new Date(),
      remotePeers: peers,
    });
    expect(renderPlan(plan)).toContain(
      "clients connected from other machines right now will be cut off: 10.9.9.9",
    );
  });
});
