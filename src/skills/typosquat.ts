/**
 * Typosquat check (K-02): a name one or two edits (Damerau-Levenshtein, optimal string alignment) away from a
 * popular skill name, after normalising separators, is suspicious; the exact name is not.
 */

/** The skills that ship with OpenClaw 2026.9.6 plus widely installed community names. */
export const POPULAR_SKILLS = [
  "1password",
  "apple-notes",
  "apple-reminders",
  "bear-notes",
  "blogwatcher",
  "blucli",
  "camsnap",
  "clawhub",
  "coding-agent",
  "control-ui",
  "diagram-maker",
  "eightctl",
  "gemini",
  "gh-issues",
  "gifgrep",
  "github",
  "gog",
  "goplaces",
  "healthcheck",
  "himalaya",
  "mcporter",
  "meme-maker",
  "model-usage",
  "nano-pdf",
  "node-connect",
  "notion",
  "obsidian",
  "openai-whisper",
  "openai-whisper-api",
  "openhue",
  "oracle",
  "ordercli",
  "peekaboo",
  "sag",
  "sherpa-onnx-tts",
  "skill-creator",
  "songsee",
  "sonoscli",
  "spotify-player",
  "summarize",
  "taskflow",
  "things-mac",
  "tmux",
  "trello",
  "visualize",
  "weather",
  "xurl",
  "slack",
  "discord",
  "telegram",
  "gmail",
  "google-calendar",
  "google-drive",
  "youtube",
  "twitter",
  "browser",
  "playwright",
  "firecrawl",
  "tavily",
  "brave-search",
  "perplexity",
  "polymarket",
  "solana",
  "ethereum",
  "metamask",
  "phantom",
  "binance",
  "coinbase",
];

const norm = (s: string) => s.toLowerCase().replace(/[\s_.]+/g, "-");

export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...Array<number>(b.length).fill(0),
  ]);
  for (let j = 0; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    const prev = d[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = v;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** Cyrillic/Greek letters that render like Latin ones (a small, common subset of Unicode confusables). */
const CONFUSABLES: Record<string, string> = {
  а: "a",
  е: "e",
  о: "o",
  р: "p",
  с: "c",
  у: "y",
  х: "x",
  і: "i",
  ј: "j",
  ѕ: "s",
  ԁ: "d",
  ɡ: "g",
  һ: "h",
  ӏ: "l",
  ո: "n",
  ս: "u",
  ԝ: "w",
  α: "a",
  ο: "o",
  ρ: "p",
  ν: "v",
  κ: "k",
  τ: "t",
  ι: "i",
};

export function typosquatOf(
  name: string,
  popular: string[] = POPULAR_SKILLS,
): { target: string; distance: number } | undefined {
  const raw = norm(name);
  const deconfused = Array.from(raw, (c) => CONFUSABLES[c] ?? c).join("");
  if (deconfused !== raw && new Set(popular.map(norm)).has(deconfused))
    return { target: deconfused, distance: 0 };
  const n = deconfused;
  if (n.length < 4) return undefined;
  const set = new Set(popular.map(norm));
  if (set.has(n)) return undefined;
  let best: { target: string; distance: number } | undefined;
  // A squat often hides behind a product-like suffix (gihtub-cli): compare the stem too.
  const stem = n.replace(/[-_. ]?(?:cli|pro|plus|helper|tools?|skill|app|official|ai|bot|sdk|api)$/, "");
  for (const candidate of stem !== n && stem.length >= 4 ? [n, stem] : [n]) {
    if (set.has(candidate)) continue;
    for (const p of set) {
      if (p.length < 5) continue;
      // Extending a name (summarize → summarizer, github → github-pro) is how legitimate variants are named;
      // squats change letters inside the name.
      if (candidate.startsWith(p) || p.startsWith(candidate)) continue;
      const d = editDistance(candidate, p, 2);
      const limit = p.length >= 8 ? 2 : 1;
      if (d <= limit && (!best || d < best.distance)) best = { target: p, distance: d };
    }
  }
  // Digit/letter look-alikes (0/o, 1/l, rn/m) count as one edit.
  if (!best) {
    const folded = n.replace(/0/g, "o").replace(/1/g, "l").replace(/rn/g, "m");
    if (folded !== n && set.has(folded)) best = { target: folded, distance: 1 };
  }
  return best;
}

/** Widely used npm packages that typosquats imitate (dependency check for plugins). */
export const POPULAR_NPM = [
  "lodash",
  "express",
  "axios",
  "react",
  "chalk",
  "commander",
  "request",
  "moment",
  "debug",
  "dotenv",
  "uuid",
  "yargs",
  "typescript",
  "webpack",
  "babel-core",
  "eslint",
  "prettier",
  "jquery",
  "underscore",
  "bluebird",
  "async",
  "mkdirp",
  "rimraf",
  "glob",
  "minimist",
  "colors",
  "node-fetch",
  "cross-env",
  "body-parser",
  "cookie-parser",
  "mongoose",
  "mongodb",
  "mysql",
  "sqlite3",
  "redis",
  "socket.io",
  "ws",
  "jsonwebtoken",
  "bcrypt",
  "crypto-js",
  "discord.js",
  "telegraf",
  "openai",
  "puppeteer",
  "playwright",
  "electron",
  "vue",
  "next",
  "nodemon",
  "ethers",
  "web3",
  "zod",
  "undici",
  "got",
  "ora",
  "inquirer",
];

/** Dependencies of a package.json that look like typosquats of popular npm packages. */
export function dependencySquats(pkg: {
  dependencies?: unknown;
  devDependencies?: unknown;
  optionalDependencies?: unknown;
}): Array<{ name: string; target: string }> {
  const names = new Set<string>();
  for (const field of [pkg.dependencies, pkg.devDependencies, pkg.optionalDependencies]) {
    if (field && typeof field === "object") for (const k of Object.keys(field)) names.add(k);
  }
  const out: Array<{ name: string; target: string }> = [];
  const popular = new Set(POPULAR_NPM);
  for (const name of names) {
    if (popular.has(name) || name.startsWith("@")) continue;
    for (const p of POPULAR_NPM) {
      // lodash-es / react.js style extensions are separate packages; "expresss" is a squat.
      if (
        p.length < 5 ||
        p.startsWith(name) ||
        (name.startsWith(p) && /^[-._/\d]/.test(name.slice(p.length)))
      )
        continue;
      if (editDistance(name, p, 1) <= 1) {
        out.push({ name, target: p });
        break;
      }
    }
  }
  return out;
}
