import { d01 } from "./items/d01-lock-down-dm-policy.js";
import { d02 } from "./items/d02-limit-group-permissions.js";
import { d03 } from "./items/d03-use-disposable-accounts.js";
import { d04 } from "./items/d04-mark-untrusted-content.js";
import type { CatalogItem } from "./types.js";

export { channelSections } from "./lib/messaging.js";
export { d01, d02, d03, d04 };

export const messagingItems: CatalogItem[] = [d01, d02, d03, d04];
