import { join } from "node:path";
import { parse } from "dotenv";
import { readTextFileBounded } from "./config-read.js";

/** Provider credential variables OpenClaw reads besides its own OPENCLAW_* ones. */
const PROVIDER_VARS =
  /^(ANTHROPIC|OPENAI|GEMINI|GOOGLE|GROQ|MISTRAL|OPENROUTER|XAI|DEEPSEEK|TELEGRAM|DISCORD|SLACK)_[A-Z0-9_]*$/;

/**
 * Names (never values) of the OPENCLAW_* and provider variables the gateway would see: the process
 * environment plus `<stateDir>/.env` and `~/.config/openclaw/gateway.env`, which OpenClaw also loads.
 */
export function collectEnvNames(
  env: Record<string, string | undefined>,
  stateDir: string,
  home: string,
): string[] {
  const names = new Set<string>();
  const consider = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== "" && (name.startsWith("OPENCLAW_") || PROVIDER_VARS.test(name))) {
      names.add(name);
    }
  };
  for (const [name, value] of Object.entries(env)) consider(name, value);
  for (const file of [join(stateDir, ".env"), join(home, ".config", "openclaw", "gateway.env")]) {
    let text: string;
    try {
      // bounded, regular files only: a FIFO or a link to /dev/zero must not hang the audit
      const read = readTextFileBounded(file, { maxBytes: 1024 * 1024, label: "dotenv file" });
      if (!read.exists) continue;
      text = read.text;
    } catch {
      continue;
    }
    for (const [name, value] of Object.entries(parse(text))) consider(name, value);
  }
  return [...names].sort();
}
