/** A fact that may not have been collectable. Checks turn `known: false` into status `unknown`. */
export type Fact<T> = { known: true; value: T } | { known: false; reason: string; hint?: string };

export const known = <T>(value: T): Fact<T> => ({ known: true, value });
export const notKnown = <T = never>(reason: string, hint?: string): Fact<T> =>
  hint === undefined ? { known: false, reason } : { known: false, reason, hint };
