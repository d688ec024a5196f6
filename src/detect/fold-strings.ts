/**
 * Constant folding for the string tricks droppers use to hide a module or function name from review:
 * `require('child'+'_process')['ex'+'ecSync']` (JS) and
 * `getattr(__import__('o'+'s'), 'sys'+'tem')` (Python). Literal concatenations on one line are joined, computed
 * members with a literal name become plain members, and Python's `__import__`/`getattr` with literal names
 * become the module and attribute they name. Lines are never joined, so hit line numbers stay right.
 * Returns undefined when nothing was folded.
 */
const CONCAT = /(['"])((?:(?!\1)[^\\\n]){0,200})\1[ \t]*\+[ \t]*(['"])((?:(?!\3)[^\\\n]){0,200})\3/g;
const JS_COMPUTED = /\[[ \t]*(['"])([A-Za-z_$][\w$]{0,63})\1[ \t]*\]/g;
const PY_IMPORT = /__import__\([ \t]*(['"])([A-Za-z_][\w.]{0,63})\1[ \t]*\)/g;
const PY_GETATTR = /getattr\([ \t]*([A-Za-z_][\w.]{0,127})[ \t]*,[ \t]*(['"])([A-Za-z_]\w{0,63})\2[ \t]*\)/g;

export function foldStrings(source: string, lang: "js" | "python"): string | undefined {
  if (source.length > 4_000_000) return undefined;
  let text = source;
  for (let i = 0; i < 8; i++) {
    const next = text.replace(CONCAT, (_m, _q1, a: string, _q2, b: string) => {
      const joined = a + b;
      return joined.includes("'") ? `"${joined}"` : `'${joined}'`;
    });
    if (next === text) break;
    text = next;
  }
  if (lang === "js") text = text.replace(JS_COMPUTED, (_m, _q, name: string) => `.${name}`);
  else {
    text = text.replace(PY_IMPORT, (_m, _q, mod: string) => mod);
    for (let i = 0; i < 4; i++) {
      const next = text.replace(PY_GETATTR, (_m, obj: string, _q, attr: string) => `${obj}.${attr}`);
      if (next === text) break;
      text = next;
    }
  }
  // An alias of a folded dangerous callable (`run = subprocess.check_output`, `const x = cp.execSync`) is called
  // under its own name: call it by the real one.
  const aliases = [
    ...text.matchAll(
      /^[ \t]*(?:const|let|var)?[ \t]*([A-Za-z_$][\w$]{0,63})[ \t]*=[ \t]*((?:os|subprocess|pty|child_process|cp|proc)\.[A-Za-z_]\w{0,63})[ \t;]*$/gm,
    ),
  ];
  for (const m of aliases) {
    const [, alias, target] = m as unknown as [string, string, string];
    text = text.replace(new RegExp(`(^|[^\\w.$])${alias.replace(/\$/g, "\\$")}\\(`, "gm"), `$1${target}(`);
  }
  return text === source ? undefined : text;
}
