import { closeSync, constants, fchmodSync, fstatSync, lstatSync, openSync } from "node:fs";

/** What a path was when the plan looked at it: a chmod later must hit the same inode, never a link's target. */
export interface FileIdentity {
  dev: number;
  ino: number;
}

export function identityOf(path: string): FileIdentity & { mode: number; isLink: boolean } {
  const st = lstatSync(path);
  return { dev: st.dev, ino: st.ino, mode: st.mode & 0o7777, isLink: st.isSymbolicLink() };
}

export class UnsafePathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsafePathError";
  }
}

/**
 * chmod without following links: the path is opened with O_NOFOLLOW (a link fails with ELOOP), O_NONBLOCK (a FIFO
 * does not hang), its inode compared with what the plan saw, and the mode set on the open descriptor (fchmod), so a
 * file swapped for a link between plan and apply — or before a rollback — never makes us change the link's target.
 */
export function safeChmod(path: string, mode: number, expect?: FileIdentity): void {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOOP") {
      throw new UnsafePathError(
        `${path} is now a symbolic link; refusing to change the mode of what it points to`,
      );
    }
    throw error;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() && !st.isDirectory())
      throw new UnsafePathError(`${path} is not a regular file or directory`);
    if (expect && (st.dev !== expect.dev || st.ino !== expect.ino)) {
      throw new UnsafePathError(
        `${path} was replaced since the plan was made (different file); refusing to change its mode`,
      );
    }
    fchmodSync(fd, mode);
  } finally {
    closeSync(fd);
  }
}
