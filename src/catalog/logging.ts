import type { CatalogItem } from "./types.js";

export const loggingItems: CatalogItem[] = [];
