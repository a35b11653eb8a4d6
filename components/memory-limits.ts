/**
 * How far attention's n×n weights fit in a given memory (no DOM). Self-attention over N tokens
 * keeps batch · heads · N² weights (memory.ts in the model folder); for an image N = H·W, so a
 * square picture of side s costs batch · heads · s⁴ numbers. With `bytes` bytes a number
 * (4 for float32), the largest N that fits in M bytes is ⌊√(M / (bytes · heads · batch))⌋.
 * A GB here is 2³⁰ bytes. Only the weights are counted: activations, parameters and everything
 * else the program holds come on top, so the true limit is lower.
 */
export const GB = 2 ** 30;

/** The memories the page compares against: a phone and a laptop. */
export const DEVICES = [
  {name: "a phone", bytes: 4 * GB},
  {name: "a laptop", bytes: 16 * GB}
] as const;

export function attentionBytes(tokens: number, heads = 1, batch = 1, bytes = 4): number {
  return batch * heads * tokens * tokens * bytes;
}

/** 3×3 convolution C → C: weights 9·C² + C, and outputs batch·N·C, in bytes. */
export function convBytes(tokens: number, channels: number, batch = 1, bytes = 4): number {
  return (9 * channels * channels + channels + batch * tokens * channels) * bytes;
}

/** The most tokens whose attention weights fit in `memory` bytes. */
export function largestTokens(memory: number, heads = 1, batch = 1, bytes = 4): number {
  let n = Math.floor(Math.sqrt(memory / (bytes * heads * batch)));
  while (attentionBytes(n + 1, heads, batch, bytes) <= memory) n++; // guard against rounding
  while (n > 0 && attentionBytes(n, heads, batch, bytes) > memory) n--;
  return n;
}

/** The side of the largest square picture whose attention weights fit. */
export function largestSide(memory: number, heads = 1, batch = 1, bytes = 4): number {
  return Math.floor(Math.sqrt(largestTokens(memory, heads, batch, bytes)));
}

/** Bytes in binary units: 1536 → "1.5 KB", 4·2³⁰ → "4 GB" (1 KB = 1024 bytes). */
export function formatBytes(b: number): string {
  if (!Number.isFinite(b) || b < 0) return "—";
  const units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB"];
  let u = 0, v = b;
  while (v >= 1024 && u < units.length - 1) (v /= 1024), u++;
  const s = u === 0 ? String(Math.round(v)) : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1).replace(/\.0$/, "") : v.toFixed(2).replace(/\.?0+$/, "");
  return `${s} ${u === 0 && s === "1" ? "byte" : units[u]}`;
}
