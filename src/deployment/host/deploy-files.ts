/** Finds and parses deployment files (compose, Dockerfile/Containerfile, Kubernetes manifests, Helm values). */
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from "yaml";
import { detectSecrets, isPlaceholder } from "../../detect/secrets.js";
import type {
  ComposeService,
  DockerfileFacts,
  K8sContainer,
  K8sEnvEntry,
  K8sFacts,
  K8sWorkload,
} from "../../model/live-facts.js";
import { secretFingerprint } from "../../util/fingerprint.js";
import { isEngineSocket } from "./containers.js";

/** Dependency and build folders, and test data of a repo (its fixtures are not the deployment). */
const SKIP_DIRS = new Set([
  "node_modules",
  ".git",
  ".cache",
  "dist",
  "vendor",
  "test",
  "tests",
  "__tests__",
  "fixtures",
  "testdata",
  "examples",
]);
const VIRTUAL_ROOTS = new Set(["/", "/proc", "/sys", "/dev", "/run", "/usr", "/var", "/tmp"]);
const MAX_FILES = 2000;
const MAX_BYTES = 2 * 1024 * 1024;

export interface DeployFileSet {
  compose: string[];
  dockerfiles: string[];
  yaml: string[];
}

export function isComposeName(name: string): boolean {
  return /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/.test(name) || /\.compose\.ya?ml$/.test(name);
}

export function isDockerfileName(name: string): boolean {
  return /^(Dockerfile|Containerfile)(\.[\w-]+)?$/.test(name) || /\.(Dockerfile|Containerfile)$/i.test(name);
}

/** Walks deployment folders (depth-limited, skipping dependency folders). */
export async function findDeployFiles(roots: string[], maxDepth = 4): Promise<DeployFileSet> {
  const set: DeployFileSet = { compose: [], dockerfiles: [], yaml: [] };
  const seen = new Set<string>();
  let count = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > maxDepth || count > MAX_FILES || seen.has(dir)) return;
    seen.add(dir);
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !VIRTUAL_ROOTS.has(p)) await walk(p, depth + 1);
      } else if (e.isFile()) {
        count++;
        if (isComposeName(e.name)) set.compose.push(p);
        else if (isDockerfileName(e.name)) set.dockerfiles.push(p);
        else if (/\.ya?ml$/.test(e.name)) set.yaml.push(p);
      }
    }
  };
  // Never walk the whole filesystem or the kernel's virtual trees.
  for (const r of roots) if (!VIRTUAL_ROOTS.has(resolve(r))) await walk(resolve(r), 0);
  return set;
}

async function readSmall(file: string): Promise<string | undefined> {
  try {
    if ((await stat(file)).size > MAX_BYTES) return undefined;
    return await readFile(file, "utf8");
  } catch {
    return undefined;
  }
}

type Plain = unknown;
const rec = (v: Plain): Record<string, Plain> =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, Plain>) : {};
const strs = (v: Plain): string[] =>
  Array.isArray(v) ? v.map((x) => (typeof x === "object" ? JSON.stringify(x) : String(x))) : [];

/** Line of a key path inside a YAML document: the key's line for map entries, the item's for sequences. */
function lineOf(
  doc: { contents: Node | null },
  lc: LineCounter,
  path: Array<string | number>,
): number | undefined {
  let node: unknown = doc.contents;
  let range = (node as { range?: [number, number, number] } | null)?.range;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!pair) return undefined;
      range = (pair.key as { range?: [number, number, number] }).range;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.get(key as number, true);
      range = (node as { range?: [number, number, number] } | undefined)?.range;
    } else return undefined;
  }
  return range ? lc.linePos(range[0]).line : undefined;
}

function parseVolume(v: Plain): { source: string; target: string; readOnly: boolean } {
  if (typeof v === "string") {
    const parts = v.split(":");
    const [source = "", target = source, mode = ""] = parts.length === 1 ? [undefined, parts[0], ""] : parts;
    return { source: source ?? "", target: target ?? "", readOnly: /(^|,)ro(,|$)/.test(mode) };
  }
  const o = rec(v);
  return { source: String(o.source ?? ""), target: String(o.target ?? ""), readOnly: o.read_only === true };
}

export async function parseComposeFile(file: string): Promise<ComposeService[]> {
  const text = await readSmall(file);
  if (text === undefined) return [];
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc });
  const out: ComposeService[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    const services = rec(rec(doc.toJS()).services);
    for (const [name, raw] of Object.entries(services)) {
      const s = rec(raw);
      const svc: ComposeService = {
        file,
        name,
        ports: strs(s.ports),
        networks: Array.isArray(s.networks) ? strs(s.networks) : Object.keys(rec(s.networks)),
        capAdd: strs(s.cap_add),
        volumes: (Array.isArray(s.volumes) ? s.volumes : []).map((v, i) => {
          const vol = parseVolume(v);
          const line = lineOf(doc, lc, ["services", name, "volumes", i]);
          return { ...vol, engineSocket: isEngineSocket(vol.source), ...(line ? { line } : {}) };
        }),
      };
      const line = lineOf(doc, lc, ["services", name]);
      if (line) svc.line = line;
      if (typeof s.image === "string") svc.image = s.image;
      if (s.user !== undefined) svc.user = String(s.user);
      if (typeof s.network_mode === "string") svc.networkMode = s.network_mode;
      if (typeof s.read_only === "boolean") svc.readOnly = s.read_only;
      if (typeof s.privileged === "boolean") svc.privileged = s.privileged;
      out.push(svc);
    }
  }
  return out;
}

/** The effective USER of the final stage (a new FROM resets it to root). Continuation lines are joined. */
export async function parseDockerfile(file: string): Promise<DockerfileFacts | undefined> {
  const text = await readSmall(file);
  if (text === undefined) return undefined;
  const facts: DockerfileFacts = { file, exposes: [] };
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i] ?? "";
    while (line.endsWith("\\") && i + 1 < lines.length) line = `${line.slice(0, -1)} ${lines[++i] ?? ""}`;
    const m = /^\s*(\w+)\s+(.*)$/.exec(line);
    if (!m || line.trimStart().startsWith("#")) continue;
    const [instr, args = ""] = [m[1]?.toUpperCase(), m[2]?.trim()];
    if (instr === "FROM") {
      delete facts.user;
      delete facts.userLine;
      facts.exposes = [];
    } else if (instr === "USER") {
      facts.user = args;
      facts.userLine = start + 1;
    } else if (instr === "EXPOSE") facts.exposes.push(...args.split(/\s+/));
  }
  return facts;
}

const SECRET_NAME = /(token|secret|password|passwd|api_?key|private_?key|credential)/i;
const WORKLOAD_KINDS = new Set([
  "Pod",
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "Job",
  "CronJob",
]);

function podSpecPath(kind: string): string[] {
  if (kind === "Pod") return ["spec"];
  if (kind === "CronJob") return ["spec", "jobTemplate", "spec", "template", "spec"];
  return ["spec", "template", "spec"];
}

function dig(v: Plain, path: string[]): Plain {
  return path.reduce<Plain>((cur, k) => rec(cur)[k], v);
}

const labelsOf = (v: Plain): Record<string, string> =>
  Object.fromEntries(Object.entries(rec(v)).map(([k, x]) => [k, String(x)]));

/** Parses Kubernetes manifests and Helm values files among `files` (others are ignored). */
export async function parseKubernetes(files: string[]): Promise<K8sFacts> {
  const facts: K8sFacts = {
    files: [],
    workloads: [],
    networkPolicies: [],
    literalSecrets: [],
    unreadable: [],
  };
  for (const file of files) {
    const text = await readSmall(file);
    if (text === undefined) continue;
    const isHelmValues = /^values(\.[\w-]+)?\.ya?ml$/.test(basename(file));
    if (!isHelmValues && !(/^\s*apiVersion:/m.test(text) && /^\s*kind:/m.test(text))) continue;
    const lc = new LineCounter();
    let docs: ReturnType<typeof parseAllDocuments>;
    try {
      docs = parseAllDocuments(text, { lineCounter: lc });
    } catch (e) {
      facts.unreadable.push({ file, reason: (e as Error).message });
      continue;
    }
    facts.files.push(file);
    const hitsByLine = new Map<number, { ruleId: string; fingerprint: string }>();
    for (const h of detectSecrets(text))
      hitsByLine.set(h.line, { ruleId: h.ruleId, fingerprint: h.fingerprint });
    /** Lines whose secret is reported on a container env entry instead (so it is not counted twice). */
    const envLines = new Set<number>();
    const whereByLine = new Map<number, string>();
    for (const doc of Array.isArray(docs) ? docs : [docs]) {
      if (doc.errors.length > 0) {
        facts.unreadable.push({ file, reason: doc.errors[0]?.message ?? "YAML error" });
        continue;
      }
      const obj = rec(doc.toJS());
      const kind = String(obj.kind ?? "");
      const meta = rec(obj.metadata);
      const name = String(meta.name ?? "");
      if (kind === "Secret") {
        for (const field of ["data", "stringData"]) {
          for (const key of Object.keys(rec(obj[field]))) {
            const line = lineOf(doc, lc, [field, key]);
            if (line !== undefined && hitsByLine.has(line)) {
              whereByLine.set(line, `Secret ${name} ${field}.${key}`);
              continue;
            }
            const value = String(rec(obj[field])[key] ?? "");
            if (!value || isPlaceholder(value)) continue;
            facts.literalSecrets.push({
              file,
              ...(line ? { line } : {}),
              where: `Secret ${name} ${field}.${key}`,
              fingerprint: secretFingerprint(value),
              rule: "k8s-secret-manifest-literal",
            });
          }
        }
      }
      if (kind === "NetworkPolicy") {
        facts.networkPolicies.push({
          file,
          name,
          ...(meta.namespace ? { namespace: String(meta.namespace) } : {}),
          podSelector: labelsOf(rec(rec(obj.spec).podSelector).matchLabels),
        });
      }
      if (!WORKLOAD_KINDS.has(kind)) continue;
      const specPath = podSpecPath(kind);
      const pod = rec(dig(obj, specPath));
      const podSec = rec(pod.securityContext);
      const labels = {
        ...labelsOf(meta.labels),
        ...labelsOf(rec(dig(obj, ["spec", "template", "metadata"])).labels),
      };
      const containers: K8sContainer[] = [];
      for (const group of ["initContainers", "containers"]) {
        (Array.isArray(pod[group]) ? (pod[group] as Plain[]) : []).forEach((raw, ci) => {
          const c = rec(raw);
          const sec = rec(c.securityContext);
          const cPath = [...specPath, group, ci];
          const env: K8sEnvEntry[] = (Array.isArray(c.env) ? (c.env as Plain[]) : []).map((e, ei) => {
            const ev = rec(e);
            const line =
              lineOf(doc, lc, [...cPath, "env", ei, "value"]) ?? lineOf(doc, lc, [...cPath, "env", ei]);
            const vf = rec(ev.valueFrom);
            const entry: K8sEnvEntry = {
              name: String(ev.name ?? ""),
              from:
                "value" in ev
                  ? "value"
                  : vf.secretKeyRef
                    ? "secretKeyRef"
                    : vf.configMapKeyRef
                      ? "configMapKeyRef"
                      : "other",
              ...(line ? { line } : {}),
            };
            if (entry.from === "value") {
              const value = String(ev.value ?? "");
              const hit = line !== undefined ? hitsByLine.get(line) : undefined;
              if (hit && line !== undefined) {
                envLines.add(line);
                entry.secretRule = hit.ruleId;
                entry.secretFingerprint = hit.fingerprint;
              } else if (SECRET_NAME.test(entry.name) && value.length >= 8 && !isPlaceholder(value)) {
                entry.secretRule = "k8s-env-secret-name";
                entry.secretFingerprint = secretFingerprint(value);
              }
            }
            return entry;
          });
          const kc: K8sContainer = { name: String(c.name ?? ""), env };
          const line = lineOf(doc, lc, cPath);
          if (line) kc.line = line;
          if (typeof c.image === "string") kc.image = c.image;
          if (typeof sec.privileged === "boolean") kc.privileged = sec.privileged;
          if (typeof sec.runAsUser === "number") kc.runAsUser = sec.runAsUser;
          if (typeof sec.runAsNonRoot === "boolean") kc.runAsNonRoot = sec.runAsNonRoot;
          if (typeof sec.allowPrivilegeEscalation === "boolean")
            kc.allowPrivilegeEscalation = sec.allowPrivilegeEscalation;
          if (typeof sec.readOnlyRootFilesystem === "boolean")
            kc.readOnlyRootFilesystem = sec.readOnlyRootFilesystem;
          containers.push(kc);
        });
      }
      const w: K8sWorkload = {
        file,
        kind,
        name,
        labels,
        openclaw: /openclaw/i.test(
          `${name} ${JSON.stringify(labels)} ${containers.map((c) => c.image ?? "").join(" ")}`,
        ),
        containers,
      };
      const line = lineOf(doc, lc, []);
      if (line) w.line = line;
      if (meta.namespace) w.namespace = String(meta.namespace);
      if (typeof podSec.runAsUser === "number") w.podRunAsUser = podSec.runAsUser;
      if (typeof podSec.runAsNonRoot === "boolean") w.podRunAsNonRoot = podSec.runAsNonRoot;
      if (typeof pod.hostNetwork === "boolean") w.hostNetwork = pod.hostNetwork;
      facts.workloads.push(w);
    }
    for (const [line, h] of hitsByLine) {
      if (envLines.has(line)) continue;
      const where = whereByLine.get(line) ?? (isHelmValues ? "helm values" : "manifest");
      facts.literalSecrets.push({ file, line, where, fingerprint: h.fingerprint, rule: h.ruleId });
    }
  }
  return facts;
}
