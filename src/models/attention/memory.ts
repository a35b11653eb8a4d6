/**
 * What attention costs in memory (chapter 6). Self-attention over N tokens stores an N×N matrix of
 * weights per head and per example; for an image N = H·W, so the matrix grows as (H·W)²:
 *   attention weights   batch · heads · (H·W)² numbers
 *   3×3 convolution     weights 9 · C_in · C_out (+ C_out biases),  activations batch · H · W · C_out
 * (SAGAN's projections add 3·C·C̄ + C̄·C weights; its outputs batch·H·W·C, like a convolution's.)
 * Text: n tokens give batch · heads · n² weights. float32: 4 bytes a number.
 */
export interface ImageMemoryInput {
  height: number;
  width: number;
  /** Channels in and out (the convolution maps C → C). */
  channels: number;
  heads?: number;
  batch?: number;
  /** Bytes per number (default 4, float32). */
  bytes?: number;
}

export interface MemoryRow {
  what: string;
  numbers: number;
  bytes: number;
}

export interface ImageMemory {
  attentionWeights: MemoryRow;
  attentionProjections: MemoryRow;
  convWeights: MemoryRow;
  convActivations: MemoryRow;
  /** attention weights ÷ (convolution weights + activations). */
  ratio: number;
}

export function imageAttentionMemory({height, width, channels, heads = 1, batch = 1, bytes = 4}: ImageMemoryInput): ImageMemory {
  const N = height * width, inner = Math.max(1, Math.floor(channels / 8));
  const row = (what: string, numbers: number): MemoryRow => ({what, numbers, bytes: numbers * bytes});
  const attentionWeights = row(`attention weights β: ${batch}·${heads}·(${height}·${width})²`, batch * heads * N * N);
  const attentionProjections = row(`f, g, h, v weights: 3·C·C̄ + C̄·C, C̄ = C/8`, 4 * channels * inner);
  const convWeights = row(`3×3 convolution weights: 9·C·C + C`, 9 * channels * channels + channels);
  const convActivations = row(`3×3 convolution outputs: ${batch}·${height}·${width}·C`, batch * N * channels);
  return {attentionWeights, attentionProjections, convWeights, convActivations, ratio: attentionWeights.numbers / (convWeights.numbers + convActivations.numbers)};
}

/** Bytes of the n×n attention weights of text: batch · heads · n² numbers. */
export function textAttentionBytes(n: number, heads = 1, batch = 1, bytes = 4): number {
  return batch * heads * n * n * bytes;
}
