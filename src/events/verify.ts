import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { createInterface } from "node:readline";
import { type EventRecord, GENESIS, recordHash } from "./record.js";
import { segmentFiles } from "./segments.js";

export interface VerifyResult {
  ok: boolean;
  records: number;
  segments: number;
  /** First seq in the oldest kept segment (above 1 when old segments were rotated away). */
  firstSeq?: number;
  lastHash?: string;
  broken?: { file: string; line: number; seq?: number; reason: string };
}

/**
 * Walks every segment oldest first and checks each line: valid JSON, version 1, seq one more than the last,
 * `prev` equal to the last record's hash, `hash` equal to the sha256 of its own canonical content. The first
 * failure is reported with file and line. Streaming: memory does not grow with the log.
 */
export async function verifyEvents(dir: string): Promise<VerifyResult> {
  const files = segmentFiles(dir);
  let records = 0;
  let prevHash: string | undefined;
  let prevSeq: number | undefined;
  let firstSeq: number | undefined;
  for (const file of files) {
    let line = 0;
    const rl = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const text of rl) {
      line++;
      const fail = (reason: string, seq?: number): VerifyResult => {
        rl.close();
        return {
          ok: false,
          records,
          segments: files.length,
          broken: { file: basename(file), line, ...(seq !== undefined ? { seq } : {}), reason },
        };
      };
      if (!text) return fail("empty line");
      let r: EventRecord;
      try {
        r = JSON.parse(text) as EventRecord;
      } catch {
        return fail("not JSON");
      }
      if (r.v !== 1 || typeof r.seq !== "number" || typeof r.hash !== "string")
        return fail("not an event record", r.seq);
      if (prevSeq === undefined) {
        firstSeq = r.seq;
        if (r.seq === 1 && r.prev !== GENESIS) return fail("first record does not start the chain", r.seq);
      } else {
        if (r.seq !== prevSeq + 1)
          return fail(`sequence jumps from ${prevSeq} to ${r.seq} (records removed or reordered)`, r.seq);
        if (r.prev !== prevHash) return fail("prev does not match the previous record's hash", r.seq);
      }
      if (recordHash(r) !== r.hash) return fail("content does not match its hash (edited)", r.seq);
      prevSeq = r.seq;
      prevHash = r.hash;
      records++;
    }
  }
  return {
    ok: true,
    records,
    segments: files.length,
    ...(firstSeq !== undefined ? { firstSeq } : {}),
    ...(prevHash ? { lastHash: prevHash } : {}),
  };
}
