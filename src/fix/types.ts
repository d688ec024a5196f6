import type { Finding, FixKind } from "../catalog/types.js";
import type { JsonValue } from "./config-edit.js";
import type { ConfigFiles } from "./config-files.js";
import type { EnvFile } from "./env-file.js";

export type Profile = "personal" | "production" | "strict";
export type Lang = "en" | "zh";

/** Everything a remediation may look at. Read-only for remediations: they return steps, never write. */
export interface FixContext {
  stateDir: string;
  configPath: string;
  profile: Profile;
  lang: Lang;
  /** The config as it will be after the steps planned so far (remediations see each other's edits). */
  config: ConfigFiles;
  /** `<stateDir>/.env` as it will be after the steps planned so far. */
  env: EnvFile;
  /** The environment clawwarden runs in (names only matter; values are never shown). */
  processEnv: Record<string, string | undefined>;
  openclawVersion?: string;
  workspaces: Array<{ agentId: string; path: string }>;
  /** Where assisted files (firewall, systemd, compose, k8s, tunnel recipe) are written. */
  assistedDir: string;
  who: string;
  now: Date;
  /** Remote addresses connected to the gateway port now (from `ss`), when the CLI looked. */
  remotePeers?: string[];
  /** Key paths already changed by an earlier remediation in this run (so two items never fight). */
  claimed: Set<string>;
  /**
   * The audit's failing (fail/warn, not suppressed) findings per guide item, when the plan is built from
   * a report (`fix`). Undefined for `init`/`rotate`, which act on their own inputs.
   */
  findings?: ReadonlyMap<string, readonly Finding[]>;
  /**
   * A new random secret for a purpose ("gateway-token"): the same value every time the plan is rebuilt
   * in one run, so a narrowed plan writes exactly the secret the preview fingerprinted.
   */
  secret(purpose: string): string;
}

export type Step =
  | { kind: "config"; keyPath: string[]; value: JsonValue; why: string }
  | { kind: "unset"; keyPath: string[]; why: string }
  | { kind: "env"; name: string; value: string; why: string }
  | { kind: "chmod"; path: string; mode: number; from: number }
  | { kind: "write"; path: string; content: string; mode: number; why: string }
  | { kind: "rotation"; target: string; fingerprint: string };

export interface ItemPlan {
  id: string;
  title: string;
  kind: FixKind;
  steps: Step[];
  /** What the user must do or expect afterwards ("gateway restart needed"). */
  consequences: string[];
  warnings: string[];
}

export interface Remediation {
  /** Guide item id (N-01 …) or SOUL for the SOUL.md install. */
  id: string;
  title: string;
  kind: FixKind;
  /** Items `--only` also selects this remediation for. */
  alsoFor?: string[];
  /**
   * Items whose fix makes this one applicable (enabling the sandbox makes its egress and mounts matter):
   * when the plan is built from a report, this remediation also runs when one of them fails.
   */
  dependsOn?: string[];
  /** Steps to take, or null when nothing needs doing. Must be deterministic for a given context. */
  plan(ctx: FixContext): Omit<ItemPlan, "id" | "title" | "kind"> | null;
}

export const GATEWAY_TOKEN_ENV = "OPENCLAW_GATEWAY_TOKEN";
export const GATEWAY_PASSWORD_ENV = "OPENCLAW_GATEWAY_PASSWORD";
export const HOOKS_TOKEN_ENV = "OPENCLAW_HOOKS_TOKEN";
