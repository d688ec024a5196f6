import type { CatalogItem } from "./types.js";

export const llmItems: CatalogItem[] = [];
