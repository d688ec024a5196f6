import type { CatalogItem } from "./types.js";

export const credentialsItems: CatalogItem[] = [];
