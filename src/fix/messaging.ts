import { channelScopes, isObj, StepList } from "./steps.js";
import type { Remediation } from "./types.js";

export const dmPairing: Remediation = {
  id: "D-01",
  title: "DM policy pairing (never open)",
  kind: "auto",
  plan(ctx) {
    const s = new StepList(ctx);
    for (const c of channelScopes(ctx)) {
      const name = c.account ? `${c.channel} account ${c.account}` : c.channel;
      if (c.value.dmPolicy === "open") {
        s.set([...c.path, "dmPolicy"], "pairing", `anyone could DM the bot on ${name}`);
        s.consequence(
          `new senders on ${c.channel} must pair: \`openclaw pairing approve ${c.channel} <code>\``,
        );
      }
      s.dropWildcards([...c.path, "allowFrom"], `"*" in allowFrom admits every sender on ${name}`);
      const dm = c.value.dm;
      if (isObj(dm) && dm.policy === "open")
        s.set([...c.path, "dm", "policy"], "pairing", `legacy dm.policy open on ${name}`);
      if (isObj(dm))
        s.dropWildcards([...c.path, "dm", "allowFrom"], `"*" in dm.allowFrom admits every sender on ${name}`);
      // Telegram per-chat overrides (channels.telegram.direct.<chatId>.dmPolicy)
      if (isObj(c.value.direct)) {
        for (const [chat, d] of Object.entries(c.value.direct)) {
          if (isObj(d) && d.dmPolicy === "open")
            s.set(
              [...c.path, "direct", chat, "dmPolicy"],
              "pairing",
              `chat ${chat} on ${name} was open to anyone`,
            );
        }
      }
    }
    return s.result();
  },
};

export const groupMention: Remediation = {
  id: "D-02",
  title: "Group allow list and required @mention",
  kind: "auto",
  plan(ctx) {
    const s = new StepList(ctx);
    if (s.get(["channels", "defaults", "groupPolicy"]) === "open") {
      s.set(["channels", "defaults", "groupPolicy"], "allowlist", "open groups by default");
    }
    for (const c of channelScopes(ctx)) {
      if (c.value.groupPolicy === "open")
        s.set([...c.path, "groupPolicy"], "allowlist", `any group could trigger the bot on ${c.channel}`);
      s.dropWildcards(
        [...c.path, "groupAllowFrom"],
        `"*" lets every group member trigger the bot on ${c.channel}`,
      );
      const mention = (path: string[], what: string) => {
        if (s.get(path) === false) s.set(path, true, `${what} answered without an @mention`);
      };
      const containers: Array<[string, string]> = [
        ["groups", "group"],
        ["guilds", "guild"],
        ["channels", "channel"],
      ];
      for (const [key, what] of containers) {
        const map = c.value[key];
        if (!isObj(map)) continue;
        for (const [id, entry] of Object.entries(map)) {
          if (!isObj(entry)) continue;
          mention([...c.path, key, id, "requireMention"], `${c.channel} ${what} ${id}`);
          if (isObj(entry.channels)) {
            for (const sub of Object.keys(entry.channels))
              mention([...c.path, key, id, "channels", sub, "requireMention"], `${c.channel} channel ${sub}`);
          }
        }
      }
    }
    if (s.steps.length)
      s.consequence(
        "groups not on an allow list are ignored; add them under channels.<ch>.groups when needed",
      );
    return s.result();
  },
};

export const untrustedContent: Remediation = {
  id: "D-04",
  title: "Keep external content marked untrusted; harden the webhook ingress",
  kind: "auto",
  plan(ctx) {
    const s = new StepList(ctx);
    const mappings = s.get(["hooks", "mappings"]);
    if (Array.isArray(mappings)) {
      mappings.forEach((m, i) => {
        if (isObj(m) && m.allowUnsafeExternalContent === true) {
          s.set(
            ["hooks", "mappings", String(i), "allowUnsafeExternalContent"],
            false,
            "webhook payloads stay wrapped as untrusted",
          );
        }
      });
    }
    if (s.get(["hooks", "gmail", "allowUnsafeExternalContent"]) === true) {
      s.set(
        ["hooks", "gmail", "allowUnsafeExternalContent"],
        false,
        "e-mail bodies stay wrapped as untrusted",
      );
    }
    const hooks = s.get(["hooks"]);
    if (isObj(hooks) && hooks.enabled === true) {
      if (hooks.path === "/") {
        s.set(["hooks", "path"], "/hooks", "webhooks on / shadow every other route");
        s.consequence("webhook senders must post to /hooks/… instead of /…");
      }
      const ids = hooks.allowedAgentIds;
      if (ids === undefined || (Array.isArray(ids) && ids.includes("*"))) {
        s.set(["hooks", "allowedAgentIds"], ["main"], "webhooks may only route to the main agent");
        s.warn('hooks.allowedAgentIds is now ["main"]: add other agents a webhook must reach by name');
      }
      if (hooks.defaultSessionKey === undefined)
        s.set(["hooks", "defaultSessionKey"], "hook:ingress", "webhook runs get their own session");
      if (hooks.allowRequestSessionKey === true)
        s.set(["hooks", "allowRequestSessionKey"], false, "callers cannot pick a session");
    }
    return s.result();
  },
};
