import { credentialsItems } from "./credentials.js";
import { deploymentItems } from "./deployment.js";
import { llmItems } from "./llm.js";
import { loggingItems } from "./logging.js";
import { messagingItems } from "./messaging.js";
import { networkItems } from "./network.js";
import { sandboxItems } from "./sandbox.js";
import { skillsItems } from "./skills.js";
import type { CatalogItem } from "./types.js";

/** Every guide item, in guide order (N, S, D, K, C, A, L, P). */
export const catalog: readonly CatalogItem[] = [
  ...networkItems,
  ...sandboxItems,
  ...messagingItems,
  ...skillsItems,
  ...credentialsItems,
  ...loggingItems,
  ...llmItems,
  ...deploymentItems,
];

export function catalogItem(id: string): CatalogItem | undefined {
  const wanted = id.toUpperCase();
  return catalog.find((item) => item.id === wanted);
}
