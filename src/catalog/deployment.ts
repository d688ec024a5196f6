import type { CatalogItem } from "./types.js";

export const deploymentItems: CatalogItem[] = [];
