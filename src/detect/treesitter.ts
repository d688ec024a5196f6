import { createRequire } from "node:module";
import { Language, Parser } from "web-tree-sitter";

/**
 * tree-sitter's wasm runtime and the bash/python grammars, loaded once from node_modules file paths
 * (the grammar packages ship their .wasm; no native addon and no install script is needed).
 */
const require = createRequire(import.meta.url);

export interface Parsers {
  bash: Parser;
  python: Parser;
}

let loading: Promise<Parsers> | undefined;
let ready: Parsers | undefined;

export function loadParsers(): Promise<Parsers> {
  loading ??= (async () => {
    await Parser.init();
    const [bashLang, pythonLang] = await Promise.all([
      Language.load(require.resolve("tree-sitter-bash/tree-sitter-bash.wasm")),
      Language.load(require.resolve("tree-sitter-python/tree-sitter-python.wasm")),
    ]);
    const bash = new Parser();
    bash.setLanguage(bashLang);
    const python = new Parser();
    python.setLanguage(pythonLang);
    ready = { bash, python };
    return ready;
  })();
  return loading;
}

/** The loaded parsers; callers must have awaited loadParsers() first. */
export function parsers(): Parsers {
  if (!ready) throw new Error("tree-sitter parsers are not loaded: await loadParsers() first");
  return ready;
}
