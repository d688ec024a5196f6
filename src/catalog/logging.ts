import { a01 } from "./items/a01-enable-session-logs.js";
import { a02 } from "./items/a02-centralize-logs.js";
import { a03 } from "./items/a03-alert-key-events.js";
import { a04 } from "./items/a04-regular-security-audits.js";
import { a05 } from "./items/a05-intrusion-detection.js";
import type { CatalogItem } from "./types.js";

export { sessionStores } from "./lib/logging.js";

export const loggingItems: CatalogItem[] = [a01, a02, a03, a04, a05];
