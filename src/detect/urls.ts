import { type DetectHit, LineIndex, matchAll } from "./hit.js";

export interface UrlRef {
  url: string;
  host: string;
  path: string;
  line: number;
}

export type HostKind = "raw-ip" | "private-ip" | "shortener" | "paste" | "webhook" | "tunnel" | "normal";

const SHORTENERS = new Set([
  "bit.ly",
  "tinyurl.com",
  "t.co",
  "goo.gl",
  "is.gd",
  "v.gd",
  "cutt.ly",
  "rebrand.ly",
  "ow.ly",
  "buff.ly",
  "shorturl.at",
  "rb.gy",
  "t.ly",
  "s.id",
  "tiny.cc",
  "bl.ink",
  "short.io",
  "qrco.de",
  "lnkd.in",
  "clck.ru",
]);
const PASTE_SITES = new Set([
  "pastebin.com",
  "paste.ee",
  "hastebin.com",
  "ghostbin.com",
  "ghostbin.co",
  "rentry.co",
  "rentry.org",
  "glot.io",
  "dpaste.com",
  "dpaste.org",
  "termbin.com",
  "pastes.io",
  "controlc.com",
  "justpaste.it",
  "0x0.st",
  "transfer.sh",
  "file.io",
  "gofile.io",
  "temp.sh",
  "paste.rs",
  "ix.io",
  "sprunge.us",
  "privatebin.net",
  "pastebin.pl",
  "anonfiles.com",
  "catbox.moe",
  "files.catbox.moe",
  "litter.catbox.moe",
  "mega.nz",
]);
const WEBHOOK_HOSTS = new Set([
  "hooks.slack.com",
  "webhook.site",
  "requestbin.com",
  "requestbin.net",
  "pipedream.net",
  "m.pipedream.net",
  "eo.pipedream.net",
  "interact.sh",
  "oast.fun",
  "oast.pro",
  "oast.live",
  "oast.site",
  "oast.me",
  "burpcollaborator.net",
  "canarytokens.com",
  "beeceptor.com",
  "hookbin.com",
  "postb.in",
]);
const TUNNEL_SUFFIXES = [
  "ngrok.io",
  "ngrok-free.app",
  "ngrok.app",
  "trycloudflare.com",
  "loca.lt",
  "serveo.net",
  "localhost.run",
  "pagekite.me",
  "duckdns.org",
  "no-ip.org",
  "ddns.net",
];
const WEBHOOK_PATHS: Array<[string, RegExp]> = [
  ["discord.com", /^\/api\/webhooks\//],
  ["discordapp.com", /^\/api\/webhooks\//],
  ["api.telegram.org", /^\/bot[^/]*\/send/],
];

const EXECUTABLE_EXT =
  /\.(?:exe|msi|dmg|pkg|scr|bat|cmd|ps1|vbs|jar|apk|appimage|deb|rpm|zip|rar|7z|tar|tgz|gz|xz|bz2|iso|sh|bin|elf|command|app)$/i;

const URL_RE = /\bhttps?:\/\/[^\s"'<>`)\]}\\]{1,2048}/gi;
const IPV4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function extractUrls(text: string, lines: LineIndex = new LineIndex(text)): UrlRef[] {
  const out: UrlRef[] = [];
  for (const m of matchAll(URL_RE, text)) {
    const raw = m[0].replace(/[.,;:!?]+$/, "");
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      continue;
    }
    out.push({
      url: raw,
      host: parsed.hostname.toLowerCase(),
      path: parsed.pathname,
      line: lines.lineOf(m.index),
    });
    if (out.length >= 5000) break;
  }
  return out;
}

export function isIpv4(host: string): boolean {
  const m = IPV4_RE.exec(host);
  return m?.slice(1).every((p) => Number(p) <= 255) ?? false;
}

function isPrivateIpv4(host: string): boolean {
  const [a, b] = host.split(".").map(Number) as [number, number];
  return (
    a === 10 ||
    a === 127 ||
    a === 0 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254)
  );
}

function hostIn(host: string, set: Set<string>): boolean {
  if (set.has(host)) return true;
  const dot = host.indexOf(".");
  return dot !== -1 && set.has(host.slice(dot + 1));
}

export function classifyHost(hostRaw: string, path = "/"): HostKind {
  const host = hostRaw.toLowerCase().replace(/^\[|\]$/g, "");
  if (isIpv4(host)) return isPrivateIpv4(host) ? "private-ip" : "raw-ip";
  if (host.includes(":") && /^[0-9a-f:]+$/.test(host)) return host === "::1" ? "private-ip" : "raw-ip";
  if (SHORTENERS.has(host)) return "shortener";
  if (hostIn(host, PASTE_SITES)) return "paste";
  if (host === "gist.githubusercontent.com") return "paste";
  if (hostIn(host, WEBHOOK_HOSTS)) return "webhook";
  for (const [h, re] of WEBHOOK_PATHS) if (host === h && re.test(path)) return "webhook";
  if (TUNNEL_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`))) return "tunnel";
  return "normal";
}

export function looksExecutable(path: string): boolean {
  return EXECUTABLE_EXT.test(path);
}

/** URL findings for prose and code alike: raw IPs, shorteners, paste sites, webhooks, tunnels, executables. */
export function detectUrls(text: string, lines?: LineIndex): DetectHit[] {
  const hits: DetectHit[] = [];
  for (const u of extractUrls(text, lines)) {
    const kind = classifyHost(u.host, u.path);
    const exe = looksExecutable(u.path);
    if (kind === "normal" || kind === "private-ip") continue;
    if (kind === "webhook") {
      hits.push({ rule: "url.webhook", line: u.line, match: u.url, tags: ["net-sink"], detail: u.host });
      continue;
    }
    const rule = exe ? "url.payload-link" : (`url.${kind}` as const);
    hits.push({
      rule,
      line: u.line,
      match: u.url,
      detail: `${kind}${exe ? " link to an executable or archive" : ""}`,
    });
  }
  return hits;
}
