/**
 * The shuffle figure of chapter 6, on the one-layer model: a sentence and a shuffle of it go
 * through the same embedding, attention and read-out, either without positions (H = E[x]) or with
 * them (H = E[x] + PE), and we compare f(P X) with P f(X) (permutation.ts).
 */
import type {Mat} from "../../engine/index.js";
import {mat} from "../../engine/index.js";
import {argmaxRows} from "./argmax.js";
import type {OneLayerModel} from "./one-layer-model.js";
import {permuteRows} from "./permutation.js";
import type {Positions} from "./positions.js";

export interface ShuffleRun {
  /** Attention of the sentence and of its shuffle, (n, n) each. */
  A: Mat;
  Ashuffled: Mat;
  /** max |f(P X) − P f(X)| over the attention layer's outputs. */
  outputDiff: number;
  /** The read-out's classes for the sentence and for the shuffle. */
  answers: number[];
  answersShuffled: number[];
  /** answersShuffled[i] = answers[perm[i]] for every i. */
  answersMoveAlong: boolean;
}

/** perm: shuffled position i holds original token perm[i]. positions: null for none. */
export function shuffleRun(model: OneLayerModel, ids: number[], perm: number[], positions: Positions | null): ShuffleRun {
  const n = ids.length, d = model.config.dModel;
  const pass = (tokens: number[]) => {
    const X = model.embedding.forward(tokens); // (n, d)
    const H = positions ? positions.forward(X, n) : X; // (n, d)
    const att = model.attention.forward(H, n);
    const R = mat(n, d); // H + Y: (n, d)
    for (let i = 0; i < R.data.length; i++) R.data[i] = H.data[i] + att.Y.data[i];
    return {A: att.att.A, Y: att.Y, answers: argmaxRows(model.readout.forward(R)).ids};
  };
  const a = pass(ids), b = pass(perm.map((i) => ids[i]));
  const PY = permuteRows(a.Y, perm);
  let outputDiff = 0;
  for (let i = 0; i < PY.data.length; i++) outputDiff = Math.max(outputDiff, Math.abs(PY.data[i] - b.Y.data[i]));
  return {A: a.A, Ashuffled: b.A, outputDiff, answers: a.answers, answersShuffled: b.answers, answersMoveAlong: perm.every((src, i) => b.answers[i] === a.answers[src])};
}
