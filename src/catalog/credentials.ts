import { c01 } from "./items/c01-no-plaintext-storage.js";
import { c02 } from "./items/c02-state-directory-permissions.js";
import { c03 } from "./items/c03-scan-sensitive-files-regularly.js";
import { c04 } from "./items/c04-k8s-use-secrets.js";
import { c05 } from "./items/c05-rotate-credentials.js";
import { withLiveEvidence } from "./live-checks.js";
import type { CatalogItem } from "./types.js";

export { SecretKey, secretKeys } from "./lib/credentials.js";

export const credentialsItems: CatalogItem[] = [c01, c02, c03, c04, c05].map(withLiveEvidence);
