/**
 * The chapter-1 model assembled: a vocabulary from the text, a vanilla RNN cell and the character
 * LM head on top, all drawn from one seed. Optionally W_h is rescaled so its largest singular
 * value is `scale` (chapter 2's knob).
 */
import type {Activation, DType} from "../engine/index.js";
import {Rng} from "../engine/index.js";
import {Vocab} from "../text/vocab.js";
import {CharLM} from "./char-lm.js";
import type {RnnTrace} from "./rnn-cell.js";
import {RnnCell} from "./rnn-cell.js";
import {scaleToSingularValue} from "./spectral.js";

export interface CharRnnSpec {
  text: string;
  hidden: number;
  activation: Activation;
  seed: number;
  /** Embedding size; 0 or omitted: one-hot inputs. */
  embed?: number;
  /** Rescale W_h to this largest singular value (default: leave the orthogonal init, s = 1). */
  scale?: number;
  dtype?: DType;
}

export interface CharRnn {
  vocab: Vocab;
  cell: RnnCell;
  lm: CharLM<RnnTrace>;
  /** The text as ids. */
  ids: Int32Array;
}

export function buildCharRnn({text, hidden, activation, seed, embed = 0, scale, dtype = "float32"}: CharRnnSpec): CharRnn {
  const vocab = Vocab.fromText(text);
  const rng = new Rng(seed);
  const cell = new RnnCell({inputSize: embed > 0 ? embed : vocab.size, hiddenSize: hidden, activation, dtype}, rng);
  const lm = new CharLM(cell, vocab, {embed, dtype}, rng);
  if (scale !== undefined) scaleToSingularValue(cell.Wh.value, scale);
  return {vocab, cell, lm, ids: vocab.encode(text)};
}
