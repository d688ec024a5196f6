/** Escaping for the text formats (XML attributes/text, HTML, Markdown table cells). */
/** XML 1.0 forbids most C0 controls even escaped: they are shown as \u{…} instead. */
function visibleControls(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    const forbidden = (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff;
    out += forbidden ? `\\u{${c.toString(16)}}` : ch;
  }
  return out;
}

export function escapeXml(s: string): string {
  return visibleControls(s)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export const escapeHtml = escapeXml;

export function escapeMarkdownCell(s: string): string {
  return s
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/[\r\n]+/g, " ")
    .replace(/([`*_<>[\]])/g, "\\$1");
}
