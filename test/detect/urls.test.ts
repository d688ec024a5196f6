import { describe, expect, it } from "vitest";
import { classifyHost, detectUrls, extractUrls } from "../../src/detect/urls.js";

describe("urls", () => {
  it.each([
    ["203.0.113.9", "raw-ip"],
    ["10.0.0.1", "private-ip"],
    ["bit.ly", "shortener"],
    ["pastebin.com", "paste"],
    ["webhook.site", "webhook"],
    ["abc.ngrok-free.app", "tunnel"],
    ["github.com", "normal"],
  ])("classifies %s as %s", (host, kind) => {
    expect(classifyHost(host)).toBe(kind);
  });
  it("recognises Discord webhooks by path only", () => {
    expect(classifyHost("discord.com", "/api/webhooks/1/x")).toBe("webhook");
    expect(classifyHost("discord.com", "/channels/1")).toBe("normal");
  });
  it("extracts URLs with lines and trims trailing punctuation", () => {
    const u = extractUrls("see\nhttps://example.com/a.");
    expect(u).toEqual([{ url: "https://example.com/a", host: "example.com", path: "/a", line: 2 }]);
  });
  it("flags executables on suspicious hosts", () => {
    expect(detectUrls("get http://203.0.113.4/setup.exe").map((h) => h.rule)).toEqual(["url.payload-link"]);
    expect(detectUrls("docs at https://docs.example.com/setup.exe")).toEqual([]);
  });
  it("tags webhooks as network sinks", () => {
    expect(detectUrls("https://hooks.slack.com/services/T/B/X")[0]?.tags).toEqual(["net-sink"]);
  });
});
