import { n01 } from "./items/n01-bind-loopback.js";
import { n02 } from "./items/n02-firewall-rules.js";
import { n03 } from "./items/n03-enable-gateway-authentication.js";
import { n04 } from "./items/n04-use-tunnels-remote-access.js";
import { n05 } from "./items/n05-disable-mdns.js";
import { n06 } from "./items/n06-rotate-tokens-regularly.js";
import { withLiveEvidence } from "./live-checks.js";
import type { CatalogItem } from "./types.js";

export { n01, n02, n03, n04, n05, n06 };

/** With --live the host facts join each item's config findings (src/catalog/live-checks.ts). */
export const networkItems: CatalogItem[] = [n01, n02, n03, n04, n05, n06].map(withLiveEvidence);
export {
  type BindExposure,
  bindExposure,
  entropyPerChar,
  isLowEntropy,
  isPlaceholderSecret,
} from "./gateway-facts.js";
