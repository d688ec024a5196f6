/**
 * Undoes the two cheapest ways to hide a command name from a scanner while the shell still runs it:
 * quote-splitting inside a word (`c""u''rl`, `c"u"rl`) and variable indirection from literal assignments
 * (`a=cu; b=rl; $a$b`). Line structure is kept, so hits found on the result keep their line numbers.
 * Returns undefined unless a command word itself was hidden (quote-split, or built from variables):
 * ordinary `$VAR` arguments in honest scripts do not count.
 */
const EMPTY_QUOTES = /(?<=[\w./-])(?:""|'')+|(?:""|'')+(?=[\w./-])/g;
const QUOTED_PIECE = /(?<=\w)(["'])([\w./-]{1,20})\1(?=\w)|(?<=\s|^)(["'])([\w./-]{1,20})\3(?=\w)/gm;
const ASSIGNMENT =
  /(?:^|[;&|\s])(?:export\s+)?([A-Za-z_]\w{0,63})=(?:"([^"$`\\\n]{0,200})"|'([^'\n]{0,200})'|([\w./:@%+=,-]{0,200}))(?=\s*(?:;|&&|\|\||$))/gm;

/** `$(printf '\x63\x75\x72\x6c')` / `$(echo -e '\143…')`: a command substitution that only decodes escapes. */
const PRINTF_ESCAPES =
  /\$\([ \t]*(?:printf|echo[ \t]+-e)[ \t]+(['"])((?:\\x[0-9a-fA-F]{2}|\\[0-7]{3}|[\w./:@ -]){1,400})\1[ \t]*\)/g;

function decodeEscapes(s: string): string {
  return s
    .replace(/\\x([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    .replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
}

const VARIABLE_COMMAND =
  /(?:^|[;&|({`]\s*|\b(?:then|do|else)\s+)\$\{?[A-Za-z_]\w*\}?(?:\$\{?[A-Za-z_]\w*\}?|[\w./-])*\s/m;

export function deobfuscateShell(source: string): string | undefined {
  if (source.length > 1_000_000) return undefined;
  EMPTY_QUOTES.lastIndex = 0;
  QUOTED_PIECE.lastIndex = 0;
  PRINTF_ESCAPES.lastIndex = 0;
  const hidden =
    EMPTY_QUOTES.test(source) ||
    QUOTED_PIECE.test(source) ||
    VARIABLE_COMMAND.test(source) ||
    PRINTF_ESCAPES.test(source);
  EMPTY_QUOTES.lastIndex = 0;
  QUOTED_PIECE.lastIndex = 0;
  PRINTF_ESCAPES.lastIndex = 0;
  if (!hidden) return undefined;
  let text = source.replace(PRINTF_ESCAPES, (_m, _q, body: string) =>
    decodeEscapes(body).replace(/[\n`$]/g, ""),
  );
  text = text.replace(EMPTY_QUOTES, "");
  text = text.replace(QUOTED_PIECE, (_m, _q1, a, _q2, b) => (a ?? b) as string);
  const vars = new Map<string, string>();
  for (const m of text.matchAll(ASSIGNMENT)) {
    const name = m[1] as string;
    const value = m[2] ?? m[3] ?? m[4] ?? "";
    // A name assigned twice has no single value: leave it alone.
    if (vars.has(name) && vars.get(name) !== value) vars.set(name, "\u0000");
    else vars.set(name, value);
  }
  if (vars.size > 0) {
    text = text.replace(/\$\{([A-Za-z_]\w{0,63})\}|\$([A-Za-z_]\w{0,63})/g, (m, a, b) => {
      const v = vars.get((a ?? b) as string);
      return v === undefined || v === "\u0000" ? m : v;
    });
  }
  return text === source ? undefined : text;
}
