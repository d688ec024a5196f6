import type { CatalogItem } from "./types.js";

export const networkItems: CatalogItem[] = [];
