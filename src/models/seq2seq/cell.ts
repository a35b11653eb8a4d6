/** The recurrent cells a seq2seq model can be built from, behind the one RecurrentCell interface. */
import type {DType, Rng} from "../../engine/index.js";
import type {RecurrentCell} from "../recurrent.js";
import {RnnCell} from "../rnn-cell.js";
import {GruCell} from "./gru-cell.js";

export type CellKind = "gru" | "rnn";

/** A cell whose params are renamed `prefix.name`, so one model's parameters have distinct names. */
export function makeCell(kind: CellKind, prefix: string, inputSize: number, hiddenSize: number, dtype: DType, rng: Rng): RecurrentCell {
  const cell: RecurrentCell = kind === "gru" ? new GruCell({inputSize, hiddenSize, dtype}, rng) : new RnnCell({inputSize, hiddenSize, dtype}, rng);
  for (const p of cell.params) p.name = `${prefix}.${p.name}`;
  return cell;
}
