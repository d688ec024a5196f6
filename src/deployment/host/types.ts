/**
 * Facts read from the live host (`audit --live`) and active probes (`--deep`).
 * Each field is a Fact so a collector that cannot read something says why.
 * Filled in by src/deployment/host/* collectors.
 */
import type { Fact } from "../snapshot.js";

export interface LiveFacts {
  deep: boolean;
  [collector: string]: Fact<unknown> | boolean | undefined;
}
