/**
 * Reading the model on one reader's input: the greedy translation, the forward pass behind it
 * (for the diagram's tensors and the stepper), and every attention map, by layer and head:
 * encoder self-attention (source × source), masked decoder self-attention (output × output) and
 * cross-attention (output × source).
 */
import type {Mat} from "../../engine/index.js";
import type {MultiHeadCache} from "../attention/multi-head.js";
import type {Task} from "../seq2seq/task.js";
import {END} from "../seq2seq/vocab.js";
import {encodeSources} from "./batch.js";
import {greedyDecode, writtenIds} from "./greedy.js";
import type {Transformer} from "./model.js";
import type {Pass} from "./trace.js";

/** One head's weights for one sequence: rows are queries, columns keys, row-major. */
export interface HeadMap {
  rows: number;
  cols: number;
  weights: Float32Array;
}

/** [layer][head]. */
export interface AttentionMaps {
  encoderSelf: HeadMap[][];
  decoderSelf: HeadMap[][];
  cross: HeadMap[][];
}

export interface Reading {
  output: string;
  /** Source tokens (characters, then <end>), and the tokens written (characters, then <end> if written). */
  srcTokens: string[];
  outTokens: string[];
  /** The decoder's input at each position: <start>, then the tokens written before it. */
  decTokens: string[];
  pass: Pass;
  attention: AttentionMaps;
}

function headMaps(c: MultiHeadCache): HeadMap[] {
  return c.heads.map((h) => {
    const A: Mat = h.A;
    return {rows: A.rows, cols: A.cols, weights: Float32Array.from(A.data)};
  });
}

export function readTranslation(model: Transformer, task: Task, text: string): Reading {
  const s = encodeSources(task, [text]);
  const g = greedyDecode(model, s.src, s.n, 1, task.maxTargetLength(text.length) + 2, s.srcLengths);
  const ids = writtenIds(g, 0);
  const token = (vocab: readonly string[]) => (id: number) => vocab[id];
  const srcTokens = Array.from(s.src, token(task.src.tokens));
  const outTokens = ids.map(token(task.tgt.tokens));
  const decTokens = ["<start>", ...outTokens].slice(0, g.steps);
  const output = task.tgt.decode(ids) + (ids[ids.length - 1] === END ? "" : "…");
  const pass: Pass = {enc: g.enc, dec: g.dec, b: 0, srcTokens, decTokens, vocab: [...task.tgt.tokens]};
  return {
    output,
    srcTokens,
    outTokens,
    decTokens,
    pass,
    attention: {
      encoderSelf: g.enc.layers.map((l) => headMaps(l.self.inner)),
      decoderSelf: g.dec.layers.map((l) => headMaps(l.self.inner)),
      cross: g.dec.layers.map((l) => headMaps(l.cross.inner))
    }
  };
}
