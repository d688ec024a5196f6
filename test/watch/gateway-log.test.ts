import { describe, expect, it } from "vitest";
import { gatewayLogSignal } from "../../src/watch/gateway-log.js";

const now = new Date("2026-12-01T00:00:00Z");
const tslog = (subsystem: string, msg: unknown) =>
  JSON.stringify({
    "0": JSON.stringify({ subsystem }),
    "1": msg,
    time: "2026-12-01T10:00:00.000+00:00",
    message: typeof msg === "string" ? msg : "",
  });

describe("gateway log signals", () => {
  it("OpenClaw 2026.9.6's ws auth refusal: one signal keyed by client address (no port), reason kept", () => {
    const line = tslog(
      "gateway/ws",
      "unauthorized conn=a2c9 peer=203.0.113.9:57794->10.0.0.2:18789 remote=203.0.113.9 client=cli auth=token reason=token_mismatch guidance=unauthorized: gateway token mismatch",
    );
    const s = gatewayLogSignal(line, now);
    expect(s).toMatchObject({ type: "gateway.auth_failure", key: "auth:203.0.113.9", item: "N-03" });
    expect(s?.summary).toContain("token_mismatch");
    expect(s?.at.toISOString()).toBe("2026-12-01T10:00:00.000Z");
  });

  it("the structured follow-up record of the same refusal is not counted twice", () => {
    const line = tslog("gateway/ws", {
      cause: "unauthorized",
      handshake: "failed",
      authReason: "token_mismatch",
      remoteAddr: "127.0.0.1",
    });
    expect(gatewayLogSignal(line, now)).toBeUndefined();
  });

  it("pairing requests become signals; approvals and ordinary lines do not", () => {
    expect(
      gatewayLogSignal(tslog("telegram", "pairing request from telegram user 4242 (code ABCD)"), now),
    ).toMatchObject({
      type: "gateway.pairing_request",
      key: "pairing:telegram",
    });
    expect(gatewayLogSignal(tslog("telegram", "pairing request approved for 4242"), now)).toBeUndefined();
    expect(gatewayLogSignal(tslog("gateway", "http server listening (14 plugins)"), now)).toBeUndefined();
    expect(gatewayLogSignal("not json at all", now)).toBeUndefined();
  });
});
