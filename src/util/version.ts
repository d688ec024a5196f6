import { readFileSync } from "node:fs";

let cached: string | undefined;

/** clawwarden's own version, from its package.json (dist/util → ../../package.json). */
export function toolVersion(): string {
  if (cached === undefined) {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    cached = pkg.version;
  }
  return cached;
}
