/**
 * What every recurrent cell offers (the vanilla RNN of chapter 1, the LSTM of chapter 3), so the
 * heads on top (a character language model, a regression read-out, a seq2seq decoder) and the
 * gradient-through-time analyses work with either.
 *
 * Shapes: B sequences in a batch, T steps; xs[t]: (B, inputSize); hs[t]: (B, hiddenSize).
 */
import type {Mat} from "../engine/index.js";
import type {Param} from "../engine/index.js";

export interface Trace {
  /** Hidden states h(1)…h(T), each (B, hidden). */
  hs: Mat[];
}

export interface CellGrads {
  /** ∂L/∂x(t) for every step, each (B, input). */
  dxs: Mat[];
  /** ∂L/∂h(0), (B, hidden). */
  dh0: Mat;
}

export interface RecurrentCell<T extends Trace = Trace> {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly params: Param[];
  /** Runs the cell over xs from h0 (zeros when omitted). */
  forward(xs: Mat[], h0?: Mat): T;
  /**
   * Backpropagation through time: given ∂L/∂h(t) from above for every step (each (B, hidden)),
   * adds the parameter gradients into each Param's grad and returns the input gradients.
   */
  backward(trace: T, dhs: Mat[]): CellGrads;
}
