/**
 * `fix --dry-run --json`: the plan for CI review. Per item: the findings it answers, its changes,
 * files and consequences. Secrets appear only as fingerprints; diffs are already redacted.
 */
import type { Finding } from "../catalog/types.js";
import { secretFingerprint } from "../util/fingerprint.js";
import type { Plan } from "./plan.js";
import type { Step } from "./types.js";

function change(step: Step, generated: ReadonlySet<string>): Record<string, unknown> {
  switch (step.kind) {
    case "config":
      return { kind: "config", keyPath: step.keyPath.join("."), why: step.why };
    case "unset":
      return { kind: "unset", keyPath: step.keyPath.join("."), why: step.why };
    case "env":
      return {
        kind: "env",
        name: step.name,
        value: `<secret ${secretFingerprint(step.value)}>`,
        why: step.why,
      };
    case "chmod":
      return {
        kind: "chmod",
        path: step.path,
        mode: `0${step.mode.toString(8)}`,
        from: `0${step.from.toString(8)}`,
      };
    case "write":
      return { kind: "write", path: step.path, mode: `0${step.mode.toString(8)}`, why: step.why };
    case "rotation":
      return { kind: "rotation", target: step.target, fingerprint: step.fingerprint };
  }
}

export function planJson(plan: Plan, findings?: ReadonlyMap<string, readonly Finding[]>) {
  const generated = new Set(plan.generated);
  const hide = (text: string) => {
    let out = text;
    for (const value of generated)
      out = out.split(secretFingerprint(value)).join("(a new 32-byte random token)");
    return out;
  };
  const json = {
    schemaVersion: 1,
    stateDir: plan.stateDir,
    configPath: plan.configPath,
    level: plan.profile,
    notes: plan.notes,
    items: plan.items.map((item) => ({
      id: item.id,
      title: item.title,
      kind: item.kind,
      answers: (findings?.get(item.id) ?? []).map((f) => ({
        checkId: f.checkId,
        status: f.status,
        message: f.message,
      })),
      changes: item.steps.map((st) => change(st, generated)),
      diff: plan.diffs[item.id] ?? null,
      consequences: item.consequences.map(hide),
      warnings: item.warnings.map(hide),
    })),
    refused: plan.refused,
    files: plan.files.map((f) => ({ path: f.path, new: f.before === null, holdsSecrets: f.secret })),
    chmods: plan.chmods.length,
  };
  // Rotation records and reasons name the new token by fingerprint too: none of it may show in a preview.
  return JSON.parse(hide(JSON.stringify(json))) as typeof json;
}
