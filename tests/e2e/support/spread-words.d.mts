/** Adds evenly spread word times to the manifest's sentences that `texts` has (in place); returns it. */
export function spreadWordTimes<
  M extends { order: string[]; sentences: Record<string, { start: number; end: number; words?: unknown }> },
>(manifest: M, texts: Map<string, string>): M;
