import type { CatalogItem } from "./types.js";

export const sandboxItems: CatalogItem[] = [];
