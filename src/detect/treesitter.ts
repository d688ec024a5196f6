import { createRequire } from "node:module";
import { Language, type Node, Parser } from "web-tree-sitter";
import { AnalysisBudgetError } from "./hit.js";

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

/**
 * Depth-first over a syntax tree with one TreeCursor (\`child(i)\` is O(i) in web-tree-sitter, which made files
 * with many top-level lines quadratic). Past \`budget\` nodes it throws, so the caller reports the file as not
 * fully analysed instead of judging it on its first part.
 */
export function* walkTree(node: Node, budget: number, what: string): Generator<Node> {
  const cursor = node.walk();
  let visited = 0;
  try {
    for (;;) {
      if (++visited > budget) throw new AnalysisBudgetError(what);
      yield cursor.currentNode;
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || cursor.currentNode.id === node.id) return;
      }
    }
  } finally {
    cursor.delete();
  }
}
