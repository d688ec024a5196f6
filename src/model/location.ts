/**
 * The bottom of the type graph: types every layer shares (collectors, checks, the scanner, errors) and that
 * import nothing. A position in a file, 1-based.
 */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}
