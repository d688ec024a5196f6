import type { CatalogItem } from "./types.js";

export const skillsItems: CatalogItem[] = [];
