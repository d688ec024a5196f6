import { k01 } from "./items/k01-audit-every-skill.js";
import { k02 } from "./items/k02-install-clawdex-protection.js";
import { k03 } from "./items/k03-sandbox-test-new-skills.js";
import { k04 } from "./items/k04-refuse-manual-command-execution.js";
import { k05 } from "./items/k05-centralize-skill-management.js";
import type { CatalogItem } from "./types.js";

export { installedFromState, isPinnedSpec } from "./lib/skills.js";

export const skillsItems: CatalogItem[] = [k01, k02, k03, k04, k05];
