import { s01 } from "./items/s01-enable-sandbox-mode.js";
import { s02 } from "./items/s02-docker-podman-isolation.js";
import { s03 } from "./items/s03-disable-container-egress.js";
import { s04 } from "./items/s04-least-privilege-tool-policy.js";
import { s05 } from "./items/s05-restrict-elevated-privileges.js";
import { s06 } from "./items/s06-run-as-non-root.js";
import { s07 } from "./items/s07-read-only-filesystem-mounts.js";
import { withLiveEvidence } from "./live-checks.js";
import type { CatalogItem } from "./types.js";

export { dangerousBindSource } from "./lib/sandbox.js";
export { s01, s02, s03, s04, s05, s06, s07 };

/** With --live the host facts join each item's config findings (src/catalog/live-checks.ts). */
export const sandboxItems: CatalogItem[] = [s01, s02, s03, s04, s05, s06, s07].map(withLiveEvidence);
