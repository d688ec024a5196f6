import { readFileSync } from "node:fs";
import { BUCKETS, features } from "./injection-features.js";

interface ModelFile {
  version: 1;
  buckets: number;
  bias: number;
  threshold: number;
  indices: string;
  values: string;
}

export interface InjectionModel {
  threshold: number;
  probability(text: string): number;
}

let cached: InjectionModel | null | undefined;

/** The shipped model (data/injection/model.json, trained by `npm run train:injection`), loaded once; null if absent. */
export function injectionModel(): InjectionModel | null {
  if (cached !== undefined) return cached;
  try {
    const m = JSON.parse(
      readFileSync(new URL("../../data/injection/model.json", import.meta.url), "utf8"),
    ) as ModelFile;
    if (m.version !== 1 || m.buckets !== BUCKETS) throw new Error("model does not match the feature code");
    const bytes = (b64: string) => {
      const b = Buffer.from(b64, "base64");
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.length);
    };
    const idx = new Uint32Array(bytes(m.indices));
    const val = new Float32Array(bytes(m.values));
    const w = new Float32Array(BUCKETS);
    for (let i = 0; i < idx.length; i++) w[idx[i] as number] = val[i] as number;
    cached = {
      threshold: m.threshold,
      probability(text: string) {
        let z = m.bias;
        for (const [k, v] of features(text)) z += (w[k] as number) * v;
        return 1 / (1 + Math.exp(-z));
      },
    };
  } catch {
    cached = null;
  }
  return cached;
}
