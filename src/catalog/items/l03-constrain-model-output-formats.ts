import { manualOrAttested } from "../helpers.js";
import type { CatalogItem } from "../types.js";

export const l03: CatalogItem = {
  id: "L-03",
  title: "Constrain model output formats",
  category: "llm",
  priority: "P2",
  action: "Validate and constrain model output formats to prevent injection",
  verification: "Output validation rules",
  why: "Model output flows into tools, messages and other agents; unvalidated output carries injected instructions and markup onward.",
  openclaw: [],
  fix: "manual",
  needs: ["person"],
  evaluate(s) {
    return [
      manualOrAttested(
        l03,
        s,
        "define output validation for every integration that consumes model output (schemas for tool arguments, escaping for outbound messages), and review it",
      ),
    ];
  },
};
