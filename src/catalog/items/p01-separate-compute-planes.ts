import { manualOrAttested, where } from "../helpers.js";
import { isLoopbackUrl, providerBaseUrls } from "../llm.js";
import type { CatalogItem, Evidence } from "../types.js";

export const p01: CatalogItem = {
  id: "P-01",
  title: "Separate compute planes",
  category: "deployment",
  priority: "P2",
  action: "Deploy the Gateway (control plane) and the model inference (data plane) separately",
  verification: "Architecture review",
  why: "An inference server on the gateway host shares its credentials, disk and network; a compromise of either plane then owns both.",
  openclaw: [],
  fix: "manual",
  needs: ["config", "person"],
  evaluate(s) {
    const local = providerBaseUrls(s).filter((p) => isLoopbackUrl(p.url) === true);
    const f = manualOrAttested(
      p01,
      s,
      local.length > 0
        ? `model inference runs on the gateway host (${local.map((p) => p.name).join(", ")} on loopback): move it to a separate machine or confirm the split is intended`
        : "confirm the gateway and the model inference run on separate hosts or isolated environments",
    );
    f.evidence.push(
      ...local.map(
        (p): Evidence => ({
          message: `models.providers.${p.name}.baseUrl is on loopback (same host as the gateway)`,
          source: "config",
          keyPath: p.keyPath,
          value: p.url,
          location: where(s, p.keyPath),
        }),
      ),
    );
    return [f];
  },
};
