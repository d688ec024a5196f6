import { l01 } from "./items/l01-use-injection-resistant-models.js";
import { l02 } from "./items/l02-token-usage-monitoring.js";
import { l03 } from "./items/l03-constrain-model-output-formats.js";
import { l04 } from "./items/l04-data-classification-masking.js";
import type { CatalogItem } from "./types.js";

export { configuredModels, isLoopbackUrl, ModelRef, providerBaseUrls } from "./lib/llm.js";

export const llmItems: CatalogItem[] = [l01, l02, l03, l04];
