import { describe, expect, it } from "vitest";
import { runCatalog } from "../../src/catalog/run.js";
import { buildReport } from "../../src/report/model.js";
import { snapshot } from "./snapshot-fixture.js";

/** Issue 14/18: OpenClaw's own `security.audit.suppressions` are honoured where they map to a guide item's finding. */
const insecure = {
  logging: { redactSensitive: "off", level: "info" },
  discovery: { mdns: { mode: "full" } },
  channels: {
    telegram: { enabled: true, botToken: "${TELEGRAM_BOT_TOKEN}", dmPolicy: "open", allowFrom: ["*"] },
    discord: { enabled: true, token: "${DISCORD_BOT_TOKEN}", dmPolicy: "open", allowFrom: ["*"] },
  },
};

function findingsWith(suppressions: unknown[]) {
  const s = snapshot({ config: { value: { ...insecure, security: { audit: { suppressions } } } } });
  const results = runCatalog(s);
  return { s, results, all: results.flatMap((r) => r.findings) };
}

describe("OpenClaw security.audit.suppressions", () => {
  it("an exact checkId suppresses the clawwarden findings that report exactly that check, with OpenClaw's reason", () => {
    const { all } = findingsWith([{ checkId: "logging.redact_off", reason: "log shipper redacts" }]);
    const redact = all.filter((f) => f.checkId.endsWith(".redact-off"));
    expect(redact.map((f) => f.id).sort()).toEqual(["A-01", "L-04"]);
    for (const f of redact)
      expect(f.suppressed?.reason).toBe(
        "OpenClaw security.audit.suppressions[0] (logging.redact_off): log shipper redacts",
      );
  });

  it("suppresses nothing else of the same item (the item's family is not the finding)", () => {
    const { all, results } = findingsWith([{ checkId: "channels.telegram.dm.open" }]);
    const dm = all.filter((f) => f.checkId === "D-01.dm-open");
    expect(dm.map((f) => [f.message.split(":")[0], f.suppressed?.reason])).toEqual([
      [
        expect.stringMatching(/telegram/i),
        "OpenClaw security.audit.suppressions[0] (channels.telegram.dm.open): no reason given",
      ],
      [expect.stringMatching(/discord/i), undefined],
    ]);
    const d01 = results.find((r) => r.item.id === "D-01");
    expect(d01?.status).toBe("fail");
    expect(all.find((f) => f.checkId === "N-05.mdns-full")?.suppressed).toBeUndefined();
  });

  it("a different channel's or a text-narrowed suppression covers nothing, and the report says why", () => {
    const { s, all, results } = findingsWith([
      { checkId: "channels.slack.dm.open" },
      { checkId: "discovery.mdns_full_mode", titleIncludes: "beacon" },
    ]);
    expect(all.filter((f) => f.suppressed)).toEqual([]);
    const notes = buildReport(s, results, "test", () => undefined).clawwarden.notes;
    expect(notes).toContain(
      "OpenClaw security.audit.suppressions[1] (discovery.mdns_full_mode) narrows by title/detail text: it applies to OpenClaw's own findings only",
    );
    expect(
      notes.some((n) =>
        n.startsWith("OpenClaw security.audit.suppressions[0] (channels.slack.dm.open) covers no"),
      ),
    ).toBe(true);
  });

  it("the N-05 beacon finding follows discovery.mdns_full_mode", () => {
    const s = snapshot({
      config: {
        value: {
          ...insecure,
          security: { audit: { suppressions: [{ checkId: "discovery.mdns_full_mode" }] } },
        },
      },
    });
    const mdns = runCatalog(s)
      .flatMap((r) => r.findings)
      .find((f) => f.checkId === "N-05.mdns-full");
    expect(mdns?.suppressed?.reason).toMatch(/^OpenClaw security\.audit\.suppressions\[0\]/);
  });
});
