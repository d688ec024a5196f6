import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import {
  ByteLineCounter,
  findSecretsInBytes,
  isPlaceholder,
  MAX_MATCH_SPAN,
  shannonEntropy,
} from "../detect/secrets.js";
import type { SecretHit } from "../model/snapshot.js";
import { secretFingerprint } from "../util/fingerprint.js";
import {
  loadZstd,
  type TableReadIssue,
  type TextBatch,
  textCells,
  withDatabaseCopy,
  type ZstdDecode,
} from "./sqlite-read.js";

/** One unit of state-scan work; runs in a worker thread or in-process. */
export interface ScanTask {
  kind: "file" | "sqlite";
  path: string;
  /** Relative to the state dir, for messages. */
  rel: string;
  /** Bytes on disk (database plus -wal), when known. */
  size?: number;
}

export interface ScanTaskResult {
  hits: SecretHit[];
  bytes: number;
  incomplete: Array<{ path: string; reason: string }>;
}

const CHUNK = 32 * 1024 * 1024;

/** Tables OpenClaw 9.6 keeps credentials in on purpose (SecretHit.store). */
const STORE_TABLES: Record<string, string> = {
  device_identities: "device-identity",
  device_auth_tokens: "device-token",
  device_bootstrap_tokens: "device-token",
  gateway_origin_device_tokens: "device-token",
  secret_store_entries: "secret-store",
  worker_environment_credentials: "secret-store",
  auth_profile_store: "auth-profiles",
  auth_profile_state: "auth-profiles",
  // 9.6 keeps the auth profile store (`authProfiles.store`, plaintext pasted keys) here.
  config_machine_state: "auth-profiles",
  mcp_oauth_stores: "oauth",
  exec_approvals_config: "exec-approvals",
};

/** State files that are credential stores by design (file era). */
export function fileStore(rel: string): string | undefined {
  if (rel === "exec-approvals.json") return "exec-approvals";
  if (rel === "credentials/oauth.json") return "oauth";
  if (rel.startsWith("credentials/")) return "channel-credentials";
  if (rel === "identity/device.json") return "device-identity";
  if (/^(?:identity\/device-auth|devices\/[^/]+|nodes\/[^/]+)\.json$/.test(rel)) return "device-token";
  if (rel === "secrets.json") return "secret-store";
  return undefined;
}

function withStore(hit: SecretHit, store: string | undefined): SecretHit {
  return store ? { ...hit, store } : hit;
}
/** One read buffer per thread, grown on demand: most transcripts are far smaller than a chunk. */
let readBuf = Buffer.alloc(0);

/**
 * Scans a text file in 32 MiB chunks cut at line ends, so a multi-GB transcript never becomes
 * one string. Bulk files skip the unlabelled high-entropy pass (see DetectOptions).
 */
export function scanTextFile(task: ScanTask, chunkBytes = CHUNK): ScanTaskResult {
  const res: ScanTaskResult = { hits: [], bytes: 0, incomplete: [] };
  const isJsonl = task.path.endsWith(".jsonl");
  const store = fileStore(task.rel);
  let fd: number;
  try {
    fd = openSync(task.path, "r");
  } catch (err) {
    res.incomplete.push({ path: task.rel, reason: (err as Error).message });
    return res;
  }
  try {
    const size = fstatSync(fd).size;
    const want = Math.min(chunkBytes, Math.max(size + 1, 1 << 20));
    // Bytes kept at the head of the read buffer for the next round (a partial line or an overlap).
    let carried = 0;
    let lineBase = 0;
    // Byte column of data[0] within its line, when a line longer than a chunk is cut into pieces.
    let colBase = 0;
    for (;;) {
      if (readBuf.length < carried + want) {
        const grown = Buffer.allocUnsafe(carried + want);
        readBuf.copy(grown, 0, 0, carried);
        readBuf = grown;
      }
      const n = readSync(fd, readBuf, carried, want, null);
      res.bytes += n;
      const data = readBuf.subarray(0, carried + n);
      let cut = data.length;
      // A piece of an over-long line: matches are kept by where they start; the last MAX_MATCH_SPAN
      // bytes are scanned again at the head of the next piece, so nothing straddling the cut is lost.
      let keepBefore = data.length;
      let overlap = 0;
      if (n > 0) {
        const nl = data.lastIndexOf(10);
        if (nl !== -1) cut = nl + 1;
        else if (data.length >= chunkBytes) {
          overlap = Math.min(MAX_MATCH_SPAN, data.length);
          keepBefore = data.length - overlap;
        } else {
          carried = data.length;
          continue;
        }
      }
      const chunk = data.subarray(0, cut);
      const matches = findSecretsInBytes(chunk);
      if (matches.length > 0) {
        const lines = new ByteLineCounter(chunk);
        for (const m of matches) {
          if (m.index >= keepBefore) continue;
          const at = lines.at(m.index);
          const line = lineBase + at.line;
          const column = at.line === 1 ? colBase + at.column : at.column;
          const hit: SecretHit = {
            ruleId: m.ruleId,
            description: m.description,
            fingerprint: m.fingerprint,
            location: { file: task.path, line, column },
            ...(isJsonl ? { where: `line ${line}` } : {}),
            confidence: m.confidence,
          };
          res.hits.push(withStore(hit, store));
        }
      }
      if (overlap > 0) {
        colBase += keepBefore;
        carried = data.copyWithin(0, keepBefore).length - keepBefore;
        continue;
      }
      lineBase += countNewlines(chunk);
      colBase = 0;
      carried = n > 0 ? data.length - cut : 0;
      if (carried > 0) data.copyWithin(0, cut);
      if (n === 0) break;
    }
  } catch (err) {
    res.incomplete.push({ path: task.rel, reason: (err as Error).message });
  } finally {
    closeSync(fd);
  }
  return res;
}

function countNewlines(b: Uint8Array): number {
  let count = 0;
  for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) count++;
  return count;
}

/** Scans every text cell (and decoded zstd cell) of an SQLite database, opened from a private copy. */
export function scanDatabase(task: ScanTask, decode?: ZstdDecode): ScanTaskResult {
  const res: ScanTaskResult = { hits: [], bytes: 0, incomplete: [] };
  const issues: TableReadIssue[] = [];
  try {
    withDatabaseCopy(task.path, (db) => {
      for (const cell of textCells(db, issues, decode, isCredentialColumn)) {
        res.bytes += cell.bytes.byteLength;
        if ("rowids" in cell) {
          scanBatch(task, cell, res);
          continue;
        }
        const matches = findSecretsInBytes(cell.bytes);
        if (matches.length === 0) {
          const value = credentialCell(cell.table, cell.column, cell.bytes);
          if (value !== undefined) {
            const hit: SecretHit = {
              ruleId: "sqlite-credential-column",
              description: `Credential stored in clear in ${cell.table}.${cell.column}`,
              fingerprint: secretFingerprint(value),
              location: { file: task.path },
              where: `${cell.table}.${cell.column}#rowid=${cell.rowid}`,
              confidence: "medium",
            };
            res.hits.push(withStore(hit, STORE_TABLES[cell.table]));
          }
          continue;
        }
        const where = `${cell.table}.${cell.column}#rowid=${cell.rowid}`;
        const lines = cell.bytes.indexOf(10) !== -1 ? new ByteLineCounter(cell.bytes) : undefined;
        for (const m of matches) {
          const line = lines?.at(m.index).line;
          const hit: SecretHit = {
            ruleId: m.ruleId,
            description: m.description,
            fingerprint: m.fingerprint,
            location: { file: task.path },
            where: line !== undefined && line > 1 ? `${where} line ${line}` : where,
            confidence: m.confidence,
          };
          res.hits.push(withStore(hit, STORE_TABLES[cell.table]));
        }
      }
    });
  } catch (err) {
    res.incomplete.push({ path: task.rel, reason: (err as Error).message });
  }
  for (const issue of issues)
    res.incomplete.push({ path: `${task.rel}:${issue.table}`, reason: issue.reason });
  return res;
}

/**
 * A bare value in a column whose name says it is a credential (`device_auth_tokens.token`,
 * `secret_store_entries.value`): no keyword around it, so the column name is the evidence.
 */
function isCredentialColumn(table: string, column: string): boolean {
  return (
    /(?:^|_)(?:token|secret|password|api_?key)$/i.test(column) ||
    (/secret/i.test(table) && column === "value")
  );
}

/** Hits in a batch of rows, mapped back to their row and column by counting NUL separators. */
function scanBatch(task: ScanTask, batch: TextBatch, res: ScanTaskResult): void {
  const matches = findSecretsInBytes(batch.bytes);
  if (matches.length === 0) return;
  const buf = batch.bytes;
  let field = 0;
  let fieldStart = 0;
  for (const m of matches) {
    for (
      let nul = buf.indexOf(0, fieldStart);
      nul !== -1 && nul < m.index;
      nul = buf.indexOf(0, fieldStart)
    ) {
      field++;
      fieldStart = nul + 1;
    }
    const k = batch.columns.length;
    const rowid = batch.rowids[Math.floor(field / k)];
    let line = 1;
    for (let i = buf.indexOf(10, fieldStart); i !== -1 && i < m.index; i = buf.indexOf(10, i + 1)) line++;
    const where = `${batch.table}.${batch.columns[field % k]}#rowid=${rowid}`;
    const hit: SecretHit = {
      ruleId: m.ruleId,
      description: m.description,
      fingerprint: m.fingerprint,
      location: { file: task.path },
      where: line > 1 ? `${where} line ${line}` : where,
      confidence: m.confidence,
    };
    res.hits.push(withStore(hit, STORE_TABLES[batch.table]));
  }
}

function credentialCell(table: string, column: string, bytes: Uint8Array): string | undefined {
  const named = isCredentialColumn(table, column);
  if (!named || bytes.byteLength < 16 || bytes.byteLength > 4096) return undefined;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  if (/\s/.test(text) || isPlaceholder(text) || shannonEntropy(text) < 3) return undefined;
  return text;
}

export async function runScanTask(task: ScanTask): Promise<ScanTaskResult> {
  if (task.kind !== "sqlite") return scanTextFile(task);
  // The WASM decoder pays off on big transcript databases; small ones use fzstd (no start-up).
  return scanDatabase(task, (task.size ?? 0) >= 8 * 1024 * 1024 ? await loadZstd() : undefined);
}
