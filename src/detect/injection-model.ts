import { readFileSync } from "node:fs";
import { BUCKETS, FEATURES_VERSION, featureVectors } from "./injection-features.js";

export interface ModelFile {
  version: 2;
  featuresVersion: number;
  buckets: number;
  bias: number;
  /** Per script: Chinese text and everything else are held to their own false-positive budget. */
  thresholds: { zh: number; other: number };
  indices: string;
  values: string;
}

export interface InjectionModel {
  /** The decision threshold for this text's script. */
  thresholdFor(text: string): number;
  probability(text: string): number;
}

/** Mostly Chinese: at least a fifth of the letters are CJK ideographs. */
export function isMostlyChinese(text: string): boolean {
  const sample = text.length > 4096 ? text.slice(0, 4096) : text;
  const cjk = sample.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  if (cjk === 0) return false;
  const latin = sample.match(/[A-Za-z]/g)?.length ?? 0;
  return cjk * 2 >= latin / 2;
}

let cached: InjectionModel | null | undefined;

/** The shipped model (data/injection/model.json, trained by `npm run train:injection`), loaded once; null if absent. */
export function injectionModel(): InjectionModel | null {
  if (cached !== undefined) return cached;
  try {
    const raw = readFileSync(new URL("../../data/injection/model.json", import.meta.url), "utf8");
    cached = modelFrom(JSON.parse(raw) as ModelFile);
  } catch {
    cached = null;
  }
  return cached;
}

export function modelFrom(m: ModelFile): InjectionModel {
  if (m.version !== 2 || m.buckets !== BUCKETS || m.featuresVersion !== FEATURES_VERSION)
    throw new Error("model does not match the feature code");
  const bytes = (b64: string) => {
    const b = Buffer.from(b64, "base64");
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.length);
  };
  const idx = new Uint32Array(bytes(m.indices));
  const val = new Float32Array(bytes(m.values));
  const w = new Float32Array(BUCKETS);
  for (let i = 0; i < idx.length; i++) w[idx[i] as number] = val[i] as number;
  return {
    thresholdFor: (text) => (isMostlyChinese(text) ? m.thresholds.zh : m.thresholds.other),
    probability(text: string) {
      let best = Number.NEGATIVE_INFINITY;
      for (const { keys, values } of featureVectors(text)) {
        let z = m.bias;
        for (let i = 0; i < keys.length; i++) z += (w[keys[i] as number] as number) * (values[i] as number);
        if (z > best) best = z;
      }
      return 1 / (1 + Math.exp(-best));
    },
  };
}
