/** Code points a terminal acts on instead of printing: C0 and C1 controls, DEL, bidi overrides, line separators. */
function unsafe(cp: number): boolean {
  return (
    cp <= 0x1f ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0x200e ||
    cp === 0x200f ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069)
  );
}

/**
 * Untrusted text (file names inside a scanned skill, excerpts, frontmatter) made safe for a terminal: control
 * characters (ESC sequences that clear the screen or forge a "CLEAN" line), bidi overrides and line separators are
 * shown as \u{…} escapes; everything printable stays as it is.
 */
export function terminalSafe(text: string): string {
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    out += unsafe(cp) ? `\\u{${cp.toString(16)}}` : ch;
  }
  return out;
}
