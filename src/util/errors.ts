import type { SourceLocation } from "../model/location.js";

/**
 * Bad input from the user (malformed config, include escape, unreadable file, bad flag).
 * The CLI prints `file:line:column: message` and exits 2, with no stack trace unless --debug.
 */
export class InputError extends Error {
  readonly location: SourceLocation | undefined;
  constructor(message: string, location?: SourceLocation, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InputError";
    this.location = location;
  }

  format(): string {
    const loc = this.location;
    if (!loc) return this.message;
    const pos =
      loc.line === undefined ? "" : `:${loc.line}${loc.column === undefined ? "" : `:${loc.column}`}`;
    return `${loc.file}${pos}: ${this.message}`;
  }
}
