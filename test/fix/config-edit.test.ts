import JSON5 from "json5";
import { describe, expect, it } from "vitest";
import { ConfigEditError, deleteValue, json5Features, setValue } from "../../src/fix/config-edit.js";

const json5Doc = `// my gateway config
{
  // where it listens
  gateway: {
    mode: 'local', // keep!
    bind: 'lan',
    port: 18789,
  },
  /* unknown to clawwarden */
  futureKey: { nested: [1, 2, 3,], },
}
`;

describe("setValue", () => {
  it("replaces a value in place and keeps comments, quotes and trailing commas", () => {
    const out = setValue(json5Doc, ["gateway", "bind"], "loopback");
    expect(out).toBe(json5Doc.replace("bind: 'lan'", "bind: 'loopback'"));
  });

  it("inserts a new key after the last member in the file's style", () => {
    const out = setValue(json5Doc, ["discovery", "mdns", "mode"], "off");
    expect(out).toContain(
      `  futureKey: { nested: [1, 2, 3,], },\n  discovery: {\n    mdns: {\n      mode: 'off',\n    },\n  },\n}`,
    );
    expect(out.startsWith("// my gateway config\n{\n  // where it listens\n")).toBe(true);
    expect(JSON5.parse(out).discovery.mdns.mode).toBe("off");
  });

  it("inserts into an existing nested object keeping the line comment on the previous member", () => {
    const out = setValue(json5Doc, ["gateway", "auth"], {
      mode: "token",
      token: { source: "env", provider: "default", id: "OPENCLAW_GATEWAY_TOKEN" },
    });
    expect(out).toContain("    port: 18789,\n    auth: {\n      mode: 'token',\n      token: {");
    expect(out).toContain("mode: 'local', // keep!");
  });

  it("writes strict JSON style into a JSON file (quoted keys, no trailing comma)", () => {
    const doc = '{\n    "gateway": {\n        "bind": "lan"\n    }\n}\n';
    const out = setValue(doc, ["gateway", "auth", "mode"], "token");
    expect(out).toBe(
      '{\n    "gateway": {\n        "bind": "lan",\n        "auth": {\n            "mode": "token"\n        }\n    }\n}\n',
    );
    expect(JSON.parse(out).gateway.auth.mode).toBe("token");
  });

  it("handles single-line objects, empty objects and comment-only objects", () => {
    expect(setValue('{"a": {"b": 1}}', ["a", "c"], true)).toBe('{"a": {"b": 1, "c": true}}');
    expect(setValue('{\n  "a": {}\n}', ["a", "c"], 2)).toBe('{\n  "a": {\n    "c": 2\n  }\n}');
    const withComment = '{\n  "a": {\n    // nothing yet\n  }\n}';
    const out = setValue(withComment, ["a", "c"], 2);
    expect(out).toContain("// nothing yet");
    expect(JSON5.parse(out)).toEqual({ a: { c: 2 } });
  });

  it("preserves CRLF line endings", () => {
    const doc = '{\r\n  "a": 1\r\n}\r\n';
    const out = setValue(doc, ["b"], "x");
    expect(out).toBe('{\r\n  "a": 1,\r\n  "b": "x"\r\n}\r\n');
  });

  it("edits array elements by index", () => {
    const doc = '{ "binds": ["/a:/a", "/b:/b:rw"] }';
    expect(setValue(doc, ["binds", "1"], "/b:/b:ro")).toBe('{ "binds": ["/a:/a", "/b:/b:ro"] }');
  });

  it("refuses to replace a scalar parent to make room", () => {
    expect(() => setValue('{"tools": "full"}', ["tools", "profile"], "messaging")).toThrow(ConfigEditError);
  });
});

describe("deleteValue", () => {
  it("removes a member line with its comma", () => {
    const out = deleteValue(json5Doc, ["gateway", "port"]);
    expect(out).toBe(json5Doc.replace("    port: 18789,\n", ""));
  });
  it("removes the last member without a trailing comma", () => {
    expect(deleteValue('{"a": 1, "b": 2}', ["b"])).toBe('{"a": 1}');
  });
  it("is a no-op when absent", () => {
    expect(deleteValue('{"a": 1}', ["z"])).toBe('{"a": 1}');
  });
});

describe("json5Features", () => {
  it("reports the JSON5 extensions a file uses", () => {
    expect(json5Features(json5Doc)).toEqual([
      "comments",
      "trailing commas",
      "unquoted keys",
      "single-quoted strings",
    ]);
    expect(json5Features('{"a": 1}')).toEqual([]);
  });
});
