/**
 * The three ways a model in this book can know where a token sits: not at all (self-attention is
 * then blind to order, see permutation.ts), fixed sinusoids, or a learned table. All three share
 * one interface so a model takes `positions: PositionKind` in its config.
 *   forward(X, n) = X + PE[t] for each row (t = row mod n);   backward(dY, n) = dY (and dP for learned)
 */
import type {DType, Mat, Param, Rng} from "../../engine/index.js";
import {LearnedPositions} from "./learned-positions.js";
import {sinusoidalPositions} from "./sinusoidal.js";

export type PositionKind = "none" | "sinusoidal" | "learned";

export interface Positions {
  readonly kind: PositionKind;
  readonly params: Param[];
  forward(X: Mat, n: number): Mat;
  backward(dY: Mat, n: number): Mat;
  /** The (n, d) codes added at positions 0 … n − 1 (zeros for "none"). */
  table(n: number): Mat;
}

export function makePositions(kind: PositionKind, maxLen: number, d: number, rng: Rng, dtype: DType = "float32"): Positions {
  if (kind === "learned") {
    const lp = new LearnedPositions(maxLen, d, rng, {dtype});
    return {
      kind,
      params: lp.params,
      forward: (X, n) => lp.forward(X, n),
      backward: (dY, n) => lp.backward(dY, n),
      table: (n) => ({rows: n, cols: d, data: lp.P.value.data.slice(0, n * d)})
    };
  }
  const PE = kind === "sinusoidal" ? sinusoidalPositions(maxLen, d, dtype) : null;
  return {
    kind,
    params: [],
    forward(X, n) {
      if (!PE) return X;
      if (n > maxLen) throw new Error(`positions: sequence of ${n} > maxLen ${maxLen}`);
      const Y = {rows: X.rows, cols: X.cols, data: X.data.slice()}; // (B·n, d)
      for (let r = 0; r < X.rows; r++) for (let c = 0; c < d; c++) Y.data[r * d + c] += PE.data[(r % n) * d + c];
      return Y;
    },
    backward: (dY) => dY,
    table: (n) => ({rows: n, cols: d, data: PE ? PE.data.slice(0, n * d) : new (dtype === "float64" ? Float64Array : Float32Array)(n * d)})
  };
}
