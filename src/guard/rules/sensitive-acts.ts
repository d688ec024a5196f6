import type { SimpleCommand } from "../command.js";
import type { SensitiveAct } from "../policy.js";
import { MESSAGE_TOOLS } from "../tool-call.js";
import type { ApprovalRequest, Verdict } from "../types.js";
import type { ToolCallContext } from "./context.js";

interface Act {
  act: SensitiveAct;
  what: string;
  targets: string[];
  scope?: ApprovalRequest["scope"];
}

const nonOpts = (c: SimpleCommand) => c.args.filter((a) => !a.startsWith("-"));
const has = (c: SimpleCommand, ...flags: string[]) =>
  c.args.some(
    (a) =>
      flags.includes(a) ||
      flags.some((f) => /^-[a-zA-Z]+$/.test(a) && f.length === 2 && a.includes(f[1] as string)),
  );
const SECRET_VAR = /\$\{?[A-Z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH)[A-Z0-9_]*\}?/;
const AGENT_FILES =
  /(?:^|\/)(?:SOUL|AGENTS|MEMORY|IDENTITY|USER|TOOLS|HEARTBEAT|BOOTSTRAP)\.md$|(?:^|\/)openclaw\.json5?$/;

function commandActs(c: SimpleCommand): Act[] {
  const n = c.name;
  const a = c.args;
  const sub = a[0] ?? "";
  const out: Act[] = [];
  const push = (act: SensitiveAct, what: string, targets: string[] = nonOpts(c)) =>
    out.push({ act, what, targets });
  if (
    n === "rm" &&
    (has(c, "-r", "-R", "--recursive") || nonOpts(c).length > 1 || a.some((x) => /[*?]/.test(x)))
  )
    push("delete", "recursive or bulk delete");
  else if (n === "rm" || n === "shred" || n === "unlink" || n === "rmdir") push("delete", "delete");
  if (n === "find" && a.some((x) => x === "-delete" || x === "-exec" || x === "-execdir"))
    push("delete", "find with -delete/-exec", [a[0] ?? "."]);
  if (
    n === "git" &&
    sub === "push" &&
    a.some((x) => x === "--force" || x === "-f" || x.startsWith("--force-with-lease") || x.startsWith("+"))
  )
    push("delete", "force push (rewrites remote history)", a.slice(1));
  if (
    n === "git" &&
    ((sub === "reset" && a.includes("--hard")) ||
      (sub === "clean" && a.some((x) => /^-[a-z]*f/.test(x))) ||
      (sub === "branch" && a.includes("-D")))
  )
    push("delete", `git ${sub} (discards work)`, a.slice(1));
  if (
    ["psql", "mysql", "sqlite3", "mongosh", "redis-cli"].includes(n) &&
    a.some((x) =>
      /\b(?:drop\s+(?:table|database|schema)|truncate|delete\s+from(?![^;]*\bwhere\b)|flushall|dropDatabase)\b/i.test(
        x,
      ),
    )
  )
    push("delete", "destructive database statement", [n]);
  if (
    (n === "aws" && a.some((x) => /^(?:rm|rb|delete-|terminate-)/.test(x))) ||
    ((n === "gcloud" || n === "az") && a.includes("delete")) ||
    (n === "kubectl" && sub === "delete") ||
    (n === "terraform" && sub === "destroy") ||
    (n === "docker" && ["rm", "rmi", "prune"].some((x) => a.includes(x)))
  )
    push("delete", `${n} delete`, a);
  if (n === "dd" && a.some((x) => x.startsWith("of=/dev/"))) push("delete", "raw disk write", a);
  if (
    (["apt", "apt-get", "yum", "dnf", "apk", "zypper", "pacman", "brew", "snap"].includes(n) &&
      ["install", "add", "-S"].includes(sub)) ||
    (["pip", "pip3", "pipx", "uv"].includes(n) && a.includes("install")) ||
    (["npm", "pnpm", "yarn", "bun"].includes(n) &&
      ["i", "install", "add"].includes(sub) &&
      nonOpts(c).length > 1) ||
    (["cargo", "gem", "go"].includes(n) && sub === "install") ||
    ((n === "openclaw" || n === "clawhub") && a.includes("install"))
  )
    push("install", "software install", nonOpts(c).slice(1));
  if (
    [
      "ufw",
      "iptables",
      "ip6tables",
      "nft",
      "firewall-cmd",
      "sysctl",
      "visudo",
      "usermod",
      "useradd",
      "userdel",
      "passwd",
      "chpasswd",
      "crontab",
      "launchctl",
      "mount",
      "umount",
    ].includes(n) ||
    ((n === "systemctl" || n === "service") &&
      a.some((x) => ["enable", "disable", "stop", "mask", "start", "restart"].includes(x)))
  )
    push("system-config", `${n} changes system or network configuration`, a);
  if (
    n === "openclaw" &&
    (sub === "config" || sub === "plugins" || sub === "approvals" || sub === "security")
  )
    push("system-config", "changes OpenClaw's own configuration", a);
  if ((n === "chmod" || n === "chown") && a.some((x) => /^\/(?:etc|usr|bin|sbin|lib|boot|var)\b/.test(x)))
    push("system-config", `${n} on system paths`);
  if (n === "scp" || n === "sftp" || (n === "rsync" && a.some((x) => /^[\w.-]+@?[\w.-]*:/.test(x))))
    push(
      "send-out",
      `${n} copies files to another host`,
      a.filter((x) => !x.startsWith("-")),
    );
  if (
    (n === "curl" &&
      a.some(
        (x) =>
          /^(?:-T|--upload-file|-F|--form|--data-binary|-d|--data|--data-raw|--data-urlencode|-X|--request)$/.test(
            x,
          ) ||
          /^-[dF]@/.test(x) ||
          /^@/.test(x),
      )) ||
    (n === "wget" && a.some((x) => x.startsWith("--post-")))
  )
    push(
      "send-out",
      `${n} sends data to a server`,
      a.filter((x) => /:\/\//.test(x) || x.startsWith("@")),
    );
  if ((n === "nc" || n === "ncat" || n === "netcat" || n === "socat") && c.reads.length)
    push("send-out", `${n} streams a file to the network`, [...c.reads, ...nonOpts(c)]);
  if (["mail", "mailx", "sendmail", "mutt"].includes(n)) push("send-out", "sends mail", nonOpts(c));
  if (
    n === "printenv" ||
    (n === "env" && a.length === 0) ||
    (n === "export" && a.includes("-p")) ||
    (n === "set" && a.length === 0) ||
    (n === "echo" && a.some((x) => SECRET_VAR.test(x))) ||
    (n === "cat" && a.some((x) => /(?:^|\/)\.env(?:\.|$)/.test(x)))
  )
    push("reveal-secrets", "prints secrets or the whole environment", a);
  for (const w of c.writes)
    if (AGENT_FILES.test(w))
      out.push({
        act: "agent-files",
        what: "rewrites an agent or OpenClaw configuration file",
        targets: [w],
      });
  if (
    ["solana", "cast", "bitcoin-cli", "monero-wallet-cli", "stripe"].includes(n) &&
    a.some((x) => /transfer|send|pay|charges|payouts/i.test(x))
  )
    push("payment", "moves money or crypto", a);
  return out;
}

function toolActs(rc: ToolCallContext): Act[] {
  const { facts, params } = rc;
  const out: Act[] = [];
  const t = facts.tool;
  if (
    /pay|payment|transfer|purchase|checkout|wallet|invoice|stripe/.test(t) ||
    (typeof params.amount !== "undefined" && typeof params.currency === "string")
  ) {
    const amount = String(params.amount ?? "?");
    const currency = String(params.currency ?? "?");
    const target = String(params.to ?? params.recipient ?? params.address ?? params.target ?? "?");
    out.push({
      act: "payment",
      what: `pays ${amount} ${currency} to ${target}`,
      targets: [target],
      scope: { kind: "payment", amount, currency, target },
    });
  }
  if (MESSAGE_TOOLS.has(t) && facts.attachments.length) {
    out.push({
      act: "send-out",
      what: `sends ${facts.attachments.length} file(s) in a message`,
      targets: [...facts.attachments, ...facts.recipients],
      scope: {
        kind: "message-send",
        target: facts.recipients[0] ?? "?",
        recipientCount: Math.max(1, facts.recipients.length),
        recipients: facts.recipients.slice(0, 10),
      },
    });
  }
  for (const w of facts.writes)
    if (AGENT_FILES.test(w))
      out.push({
        act: "agent-files",
        what: "rewrites an agent or OpenClaw configuration file",
        targets: [w],
      });
  return out;
}

/** SOUL 3: payments, deletions, installs, system/security config, sending files out, revealing secrets: confirm first. */
export function sensitiveActs(rc: ToolCallContext): Verdict[] {
  const acts = [...toolActs(rc), ...(rc.facts.parsed?.commands ?? []).flatMap(commandActs)];
  const verdicts: Verdict[] = [];
  for (const a of acts) {
    const configured = rc.policy.acts[a.act];
    if (configured === "off" || configured === "allow") continue;
    const action = configured === "block" ? "block" : "ask";
    if (action === "ask" && rc.owner && rc.policy.ownerMayAct && a.act !== "reveal-secrets") continue;
    const targets = a.targets.slice(0, 20);
    const list = targets.length
      ? `: ${targets.join(", ")}${a.targets.length > 20 ? ` (+${a.targets.length - 20} more)` : ""}`
      : "";
    verdicts.push({
      rule: "sensitive-acts",
      action,
      reason: `${a.act}: ${a.what}`,
      message:
        action === "block"
          ? `clawwarden guard: ${a.what} is not allowed by policy${list}`
          : `Confirm ${a.act.replace("-", " ")} (${a.what})${list}. Allow only if you asked for exactly this.`,
      targets,
      ...(a.scope ? { scope: a.scope } : {}),
      severity: a.act === "payment" || a.act === "reveal-secrets" ? "critical" : "warning",
    });
  }
  return verdicts;
}
