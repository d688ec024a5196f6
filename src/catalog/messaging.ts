import type { CatalogItem } from "./types.js";

export const messagingItems: CatalogItem[] = [];
