/**
 * `<stateDir>/.env`, the dotenv file the OpenClaw gateway reads at start (reference §1.3). Edited
 * line by line so comments and other variables stay as the user wrote them.
 */
import { readFileSync } from "node:fs";

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

function unquote(raw: string): string {
  const v = raw.trim();
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) {
    return v.slice(1, -1);
  }
  return v.replace(/\s+#.*$/, "");
}

export class EnvFile {
  readonly original: string | null;
  private lines: string[];

  constructor(
    readonly path: string,
    text?: string | null,
  ) {
    let content = text;
    if (content === undefined) {
      try {
        content = readFileSync(path, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        content = null;
      }
    }
    this.original = content;
    this.lines = content === null || content === "" ? [] : content.replace(/\n$/, "").split("\n");
  }

  get(name: string): string | undefined {
    let value: string | undefined;
    for (const line of this.lines) {
      const m = LINE.exec(line);
      if (m && m[1] === name) value = unquote(m[2] ?? "");
    }
    return value;
  }

  names(): string[] {
    return this.lines.flatMap((l) => {
      const m = LINE.exec(l);
      return m?.[1] ? [m[1]] : [];
    });
  }

  /** Sets NAME=value (values we write are base64url or already-plain tokens; quoted when needed). */
  set(name: string, value: string): void {
    const rendered = /^[A-Za-z0-9_\-.:/+=@]*$/.test(value) ? value : JSON.stringify(value);
    const line = `${name}=${rendered}`;
    const idx = this.lines.findIndex((l) => LINE.exec(l)?.[1] === name);
    if (idx === -1) this.lines.push(line);
    else this.lines[idx] = line;
  }

  replaceText(text: string): void {
    this.lines = text === "" ? [] : text.replace(/\n$/, "").split("\n");
  }

  text(): string {
    return this.lines.length ? `${this.lines.join("\n")}\n` : "";
  }

  changed(): boolean {
    return this.text() !== (this.original ?? "");
  }
}
