import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";

/**
 * Follows a growing file by offset: reads only what was appended since the last call (at most `maxBytes` per
 * call), starts over when the file was truncated or replaced (rotation), and yields whole lines only (a partial
 * last line waits for its newline). Regular files only: a FIFO or device is never opened.
 */
export class FileTail {
  private offset = 0;
  private ino = -1;
  private partial = "";

  constructor(
    readonly path: string,
    /** Start at the end (follow new lines only), as `tail -f` does. */
    fromEnd = true,
    private readonly maxBytes = 4 * 1024 * 1024,
  ) {
    if (fromEnd) {
      try {
        const st = statSync(path);
        if (st.isFile()) {
          this.offset = st.size;
          this.ino = st.ino;
        }
      } catch {
        // not there yet: it will be read from the start when it appears
      }
    }
  }

  readLines(): string[] {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(this.path);
    } catch {
      return [];
    }
    if (!st.isFile()) return [];
    if (st.ino !== this.ino || st.size < this.offset) {
      this.ino = st.ino;
      this.offset = 0;
      this.partial = "";
    }
    if (st.size === this.offset) return [];
    const fd = openSync(this.path, "r");
    try {
      if (fstatSync(fd).ino !== this.ino) return [];
      const want = Math.min(Number(st.size) - this.offset, this.maxBytes);
      const buf = Buffer.alloc(want);
      const n = readSync(fd, buf, 0, want, this.offset);
      this.offset += n;
      const text = this.partial + buf.subarray(0, n).toString("utf8");
      const lines = text.split("\n");
      this.partial = (lines.pop() ?? "").slice(-65_536);
      return lines.filter((l) => l.length > 0);
    } finally {
      closeSync(fd);
    }
  }
}
