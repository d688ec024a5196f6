import { describe, expect, it } from "vitest";
import { EnvFile } from "../../src/fix/env-file.js";

describe("EnvFile", () => {
  const text =
    '# provider keys\nexport OPENAI_API_KEY="sk-quoted value"\nOPENCLAW_GATEWAY_TOKEN=old # inline comment\n\nOTHER=1\n';

  it("reads plain, exported, quoted and commented values", () => {
    const env = new EnvFile("/x/.env", text);
    expect(env.get("OPENAI_API_KEY")).toBe("sk-quoted value");
    expect(env.get("OPENCLAW_GATEWAY_TOKEN")).toBe("old");
    expect(env.get("MISSING")).toBeUndefined();
    expect(env.names()).toEqual(["OPENAI_API_KEY", "OPENCLAW_GATEWAY_TOKEN", "OTHER"]);
  });

  it("replaces one line in place and appends new names, keeping comments and blank lines", () => {
    const env = new EnvFile("/x/.env", text);
    env.set("OPENCLAW_GATEWAY_TOKEN", "Abc_-123");
    env.set("TELEGRAM_BOT_TOKEN", "123:with space");
    expect(env.text()).toBe(
      '# provider keys\nexport OPENAI_API_KEY="sk-quoted value"\nOPENCLAW_GATEWAY_TOKEN=Abc_-123\n\nOTHER=1\nTELEGRAM_BOT_TOKEN="123:with space"\n',
    );
    expect(env.changed()).toBe(true);
    expect(new EnvFile("/x/.env", text).changed()).toBe(false);
  });

  it("starts empty when there is no file", () => {
    const env = new EnvFile("/nonexistent-dir/.env");
    expect(env.original).toBeNull();
    env.set("A", "b");
    expect(env.text()).toBe("A=b\n");
  });
});
