/**
 * A trainable parameter: its value and the gradient ∂L/∂value, same shape. Models list their
 * parameters in one array so optimisers, clipping and gradient checks treat them alike.
 */
import type {DType, Mat} from "./mat.js";
import {mat} from "./mat.js";

export interface Param {
  name: string;
  value: Mat;
  grad: Mat;
}

export function param(name: string, rows: number, cols: number, dtype: DType = "float32"): Param {
  return {name, value: mat(rows, cols, dtype), grad: mat(rows, cols, dtype)};
}

export function zeroGrads(params: Param[]): void {
  for (const p of params) p.grad.data.fill(0);
}

export function countParams(params: Param[]): number {
  let n = 0;
  for (const p of params) n += p.value.data.length;
  return n;
}

/** A plain snapshot of the values (for checkpoints and transfer between workers). */
export function exportParams(params: Param[]): Record<string, {rows: number; cols: number; data: number[]}> {
  const out: Record<string, {rows: number; cols: number; data: number[]}> = {};
  for (const p of params) out[p.name] = {rows: p.value.rows, cols: p.value.cols, data: Array.from(p.value.data)};
  return out;
}

/** Loads values saved by exportParams; shapes must match. */
export function importParams(params: Param[], saved: Record<string, {rows: number; cols: number; data: ArrayLike<number>}>): void {
  for (const p of params) {
    const s = saved[p.name];
    if (!s) throw new Error(`importParams: no saved value for ${p.name}`);
    if (s.rows !== p.value.rows || s.cols !== p.value.cols) {
      throw new Error(`importParams: ${p.name} is ${p.value.rows}×${p.value.cols}, saved ${s.rows}×${s.cols}`);
    }
    p.value.data.set(s.data);
  }
}
