import { describe, expect, it } from "vitest";
import { parseEngineHost } from "../../src/deployment/host/engine-api.js";
import { parseStat, redactArgv } from "../../src/deployment/host/processes.js";
import { parseProcNet } from "../../src/deployment/host/sockets.js";
import { readFrames } from "../../src/deployment/host/ws-probe.js";
import { gatewayPort } from "../../src/deployment/live.js";
import type { LoadedConfig } from "../../src/model/snapshot.js";

const HEADER =
  "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

describe("/proc parsers", () => {
  it("tcp: little-endian IPv4, LISTEN only", () => {
    const text = `${HEADER}   0: 0100007F:4965 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0 100 0 0 10 0
   1: 00000000:4965 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 222 1 0 100 0 0 10 0
   2: 0100007F:4965 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 333 1 0 100 0 0 10 0
`;
    expect(
      parseProcNet("tcp", text).map((s) => [s.address, s.port, s.inode, s.loopback, s.wildcard]),
    ).toEqual([
      ["127.0.0.1", 18789, 111, true, false],
      ["0.0.0.0", 18789, 222, false, true],
    ]);
  });

  it("tcp6 and udp6: ::1, ::, v4-mapped, a global address", () => {
    const text = `${HEADER}   0: 00000000000000000000000001000000:4965 00000000000000000000000000000000:0000 0A 0 0 0 0 0 444 1
   1: 00000000000000000000000000000000:4965 00000000000000000000000000000000:0000 0A 0 0 0 0 0 555 1
   2: 0000000000000000FFFF00000100007F:4965 00000000000000000000000000000000:0000 0A 0 0 0 0 0 666 1
   3: B80D0120000000000000000001000000:4965 00000000000000000000000000000000:0000 0A 0 0 0 0 0 777 1
`;
    expect(parseProcNet("tcp6", text).map((s) => [s.address, s.loopback, s.wildcard])).toEqual([
      ["::1", true, false],
      ["::", false, true],
      ["::ffff:127.0.0.1", true, false],
      ["2001:db8::1", false, false],
    ]);
    const udp = `${HEADER}   0: 00000000:14E9 00000000:0000 07 0 0 0 0 0 888 2\n   1: 00000000:14E9 0100007F:0035 01 0 0 0 0 0 999 2\n`;
    expect(parseProcNet("udp", udp).map((s) => [s.port, s.inode])).toEqual([[5353, 888]]);
  });

  it("stat with a process name containing spaces and parentheses", () => {
    expect(parseStat("42 (my (odd) name) S 7 42 42 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 12345 0")).toEqual({
      comm: "my (odd) name",
      ppid: 7,
      startTicks: 12345,
    });
  });

  it("command lines never keep secret flag values", () => {
    const argv = [
      "node",
      "openclaw",
      "gateway",
      "run",
      "--token",
      "s3cr3t-token-value-1234567890",
      "--password=hunter2hunter2",
      "--port",
      "18789",
    ];
    const out = redactArgv(argv);
    expect(out.slice(0, 5)).toEqual(["node", "openclaw", "gateway", "run", "--token"]);
    expect(out.join(" ")).not.toContain("s3cr3t-token-value");
    expect(out.join(" ")).not.toContain("hunter2hunter2");
    expect(out.slice(-2)).toEqual(["--port", "18789"]);
  });
});

describe("endpoints and port", () => {
  it("engine addresses: unix sockets and loopback tcp only", () => {
    expect(parseEngineHost("unix:///run/podman/podman.sock")).toMatchObject({
      socketPath: "/run/podman/podman.sock",
    });
    expect(parseEngineHost("tcp://127.0.0.1:2375")).toMatchObject({ host: "127.0.0.1", port: 2375 });
    expect(parseEngineHost("tcp://docker.example.com:2376")).toHaveProperty("error");
    expect(parseEngineHost("ssh://user@host")).toHaveProperty("error");
  });

  it("gateway port: OPENCLAW_GATEWAY_PORT > gateway.port > 18789", () => {
    const cfg = (value: Record<string, unknown>) => ({ value }) as LoadedConfig;
    expect(gatewayPort(cfg({}), {})).toBe(18789);
    expect(gatewayPort(cfg({ gateway: { port: 19001 } }), {})).toBe(19001);
    expect(gatewayPort(cfg({ gateway: { port: 19001 } }), { OPENCLAW_GATEWAY_PORT: "20000" })).toBe(20000);
  });

  it("WebSocket frames: text, 16-bit length, close with code; partial frames wait", () => {
    const text = Buffer.concat([Buffer.from([0x81, 5]), Buffer.from("hello")]);
    const big = Buffer.concat([Buffer.from([0x81, 126, 0, 200]), Buffer.alloc(200, 0x61)]);
    const close = Buffer.from([0x88, 2, 0x03, 0xf0]);
    const { frames, rest } = readFrames(Buffer.concat([text, big, close, Buffer.from([0x81, 10, 0x61])]));
    expect(frames.map((f) => [f.op, f.data.length])).toEqual([
      [1, 5],
      [1, 200],
      [8, 2],
    ]);
    expect(frames[2]?.data.readUInt16BE(0)).toBe(1008);
    expect(rest.length).toBe(3);
  });
});
