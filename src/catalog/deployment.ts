import { p01 } from "./items/p01-separate-compute-planes.js";
import { p02 } from "./items/p02-dedicated-machines.js";
import { p03 } from "./items/p03-stay-current.js";
import { p04 } from "./items/p04-backup-restore.js";
import { p05 } from "./items/p05-run-doctor-checks.js";
import type { CatalogItem } from "./types.js";

export const deploymentItems: CatalogItem[] = [p01, p02, p03, p04, p05];
