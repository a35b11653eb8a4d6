/**
 * The encoder reads the source x(1)…x(n) (one-hot rows) with a recurrent cell in each direction
 * (Bahdanau et al. 2015, §3.2) and annotates each position with both directions' states:
 *   →h_i = f(→h_{i−1}, x_i),  ←h_i = f(←h_{i+1}, x_i),  h_i = [→h_i; ←h_i]
 * Unidirectional, h_i = →h_i. Its summary of the whole input, the state the fixed-context decoder
 * carries and both decoders start from, is the last state of each direction:
 *   h_last = [→h_n; ←h_1]
 * Every sequence in a batch has the same length n, so no padding enters the encoder.
 */
import type {DType, Mat, Rng} from "../../engine/index.js";
import type {Param} from "../../engine/index.js";
import type {RecurrentCell, Trace} from "../recurrent.js";
import type {CellKind} from "./cell.js";
import {makeCell} from "./cell.js";
import {addIntoCols, concatCols, sliceCols} from "./cols.js";

export interface EncoderTrace {
  /** h_1…h_n, each (B, D). */
  hs: Mat[];
  /** h_last = [→h_n; ←h_1], (B, D). */
  last: Mat;
  fwd: Trace;
  bwd: Trace | null;
}

export class Encoder {
  /** D: the size of each annotation h_i. */
  readonly size: number;
  readonly fwd: RecurrentCell;
  readonly bwd: RecurrentCell | null;
  readonly params: Param[];

  constructor(kind: CellKind, vocab: number, size: number, bidirectional: boolean, dtype: DType, rng: Rng) {
    if (bidirectional && size % 2) throw new Error(`encoder: a bidirectional encoder needs an even size, not ${size}`);
    this.size = size;
    const half = bidirectional ? size / 2 : size;
    this.fwd = makeCell(kind, "enc.fwd", vocab, half, dtype, rng);
    this.bwd = bidirectional ? makeCell(kind, "enc.bwd", vocab, half, dtype, rng) : null;
    this.params = [...this.fwd.params, ...(this.bwd?.params ?? [])];
  }

  forward(xs: Mat[]): EncoderTrace {
    const n = xs.length;
    const fwd = this.fwd.forward(xs); // →h_i: (B, D/2)
    if (!this.bwd) return {hs: fwd.hs, last: fwd.hs[n - 1], fwd, bwd: null};
    const bwd = this.bwd.forward([...xs].reverse()); // bwd.hs[k] = ←h_{n−k}: (B, D/2)
    const hs = fwd.hs.map((h, i) => concatCols(h, bwd.hs[n - 1 - i])); // h_i: (B, D)
    const last = concatCols(fwd.hs[n - 1], bwd.hs[n - 1]); // [→h_n; ←h_1]: (B, D)
    return {hs, last, fwd, bwd};
  }

  /** dhs[i] = ∂L/∂h_i and dlast = ∂L/∂h_last; adds the cells' parameter gradients. */
  backward(trace: EncoderTrace, dhs: Mat[], dlast: Mat): void {
    const n = dhs.length;
    if (!this.bwd || !trace.bwd) {
      const d = dhs.map((m) => ({...m, data: m.data.slice()}));
      for (let i = 0; i < d[n - 1].data.length; i++) d[n - 1].data[i] += dlast.data[i];
      this.fwd.backward(trace.fwd, d);
      return;
    }
    const half = this.size / 2;
    const dfwd = dhs.map((d) => sliceCols(d, 0, half)); // d→h_i: (B, D/2)
    const dbwd = dhs.map((_, k) => sliceCols(dhs[n - 1 - k], half, half)); // d←h_{n−k}: (B, D/2)
    addIntoCols(dfwd[n - 1], sliceCols(dlast, 0, half), 0);
    addIntoCols(dbwd[n - 1], sliceCols(dlast, half, half), 0);
    this.fwd.backward(trace.fwd, dfwd);
    this.bwd.backward(trace.bwd, dbwd);
  }
}
