import { describe, expect, it } from "vitest";
import { dangerousBindSource, sandboxItems } from "../../src/catalog/sandbox.js";
import { riskyGroupsAllowed, toolAllowed, toolPolicy } from "../../src/catalog/tool-policy.js";
import { conf } from "./helpers/sandbox.js";

describe("tool policy model", () => {
  const policy = (tools: Record<string, unknown>) => toolPolicy(conf({ tools }));

  it("follows profiles, groups, allow/deny and wildcards", () => {
    expect(toolAllowed(policy({}), "exec")).toBe(true);
    expect(toolAllowed(policy({ profile: "messaging" }), "exec")).toBe(false);
    expect(toolAllowed(policy({ profile: "messaging" }), "message")).toBe(true);
    expect(toolAllowed(policy({ profile: "coding" }), "apply_patch")).toBe(true);
    expect(toolAllowed(policy({ profile: "coding", deny: ["group:fs"] }), "apply_patch")).toBe(false);
    expect(toolAllowed(policy({ profile: "coding", deny: ["write"] }), "apply_patch")).toBe(true);
    expect(toolAllowed(policy({ allow: ["write"] }), "apply_patch")).toBe(true);
    expect(toolAllowed(policy({ allow: ["web_*"] }), "web_fetch")).toBe(true);
    expect(toolAllowed(policy({ allow: ["web_*"] }), "exec")).toBe(false);
    expect(toolAllowed(policy({ deny: ["BASH"] }), "exec")).toBe(false);
    expect(toolAllowed(policy({ profile: "minimal", alsoAllow: ["exec"] }), "exec")).toBe(true);
  });

  it("counts the limited profiles' update-only gateway tool as safe", () => {
    expect(riskyGroupsAllowed(policy({ profile: "minimal" }))).toEqual([]);
    expect(riskyGroupsAllowed(policy({}))).toEqual([
      "group:runtime",
      "group:fs",
      "group:automation",
      "group:nodes",
    ]);
  });

  it("knows the dangerous bind sources", () => {
    expect(dangerousBindSource("/")).toContain("/");
    expect(dangerousBindSource("/proc/1")).toContain("/proc");
    expect(dangerousBindSource("~/.aws")).toContain(".aws");
    expect(dangerousBindSource("/home/op")).toContain("home directory");
    expect(dangerousBindSource("/home/op/projects/site")).toBeUndefined();
    expect(dangerousBindSource("/srv/data")).toBeUndefined();
  });

  it("lists S-01..S-07 with the planned fix kinds", () => {
    expect(sandboxItems.map((i) => `${i.id}:${i.fix}`)).toEqual([
      "S-01:auto",
      "S-02:assisted",
      "S-03:auto",
      "S-04:auto",
      "S-05:auto",
      "S-06:assisted",
      "S-07:auto",
    ]);
    for (const item of sandboxItems) expect([item.category, item.priority]).toEqual(["sandbox", "P0"]);
  });
});
