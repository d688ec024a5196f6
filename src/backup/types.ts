/** What one encrypted backup holds. Versioned: readers refuse a format they do not know. */
export const BACKUP_FORMAT = "clawwarden-backup/v1";

/** Inside the age payload: gzip(tar) with every entry under `state/`, then this manifest as the last entry. */
export const MANIFEST_ENTRY = "clawwarden-manifest.json";
export const STATE_PREFIX = "state/";

export type EntryKind = "file" | "dir" | "symlink";

export interface ManifestEntry {
  /** Path relative to the state dir, POSIX separators, never absolute, never `..`. */
  path: string;
  kind: EntryKind;
  mode: number;
  size: number;
  /** sha256 hex of the bytes stored (files only). */
  sha256?: string;
  /** The entry was taken with SQLite's online backup API, so it is a consistent database. */
  sqlite?: boolean;
  linkTarget?: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  /** The state dir's path on the host it was taken from (for the rebuild script; not a secret). */
  sourceStateDir: string;
  hostname: string;
  openclawVersion?: string;
  entries: ManifestEntry[];
  /** Things seen but not stored (sockets, FIFOs, devices, WAL side files), with the reason. */
  skipped: Array<{ path: string; reason: string }>;
}

/** Keys: public recipients to encrypt for, identities (secret keys) to decrypt with, or a passphrase. */
export interface BackupKeys {
  recipients: string[];
  identities: string[];
  passphrase?: string;
}

/** One line of `<state dir>/.clawwarden/backups.jsonl`: what was done to which backup file, and how it went. */
export interface BackupRecord {
  at: string;
  action: "create" | "verify" | "restore" | "drill";
  file: string;
  ok: boolean;
  size?: number;
  /** sha256 of the encrypted file, so a later copy can be matched without the key. */
  fileSha256?: string;
  detail?: string;
}
