/**
 * Parameters as compact text: each matrix's float32 values, little-endian, in base64 (a third of
 * the size of decimal JSON, and exact), for checkpoints printed by a data loader.
 */
import type {Param} from "../../engine/index.js";
import {importParams} from "../../engine/index.js";

export interface PackedMat {
  rows: number;
  cols: number;
  /** base64 of the row-major float32 values. */
  f32: string;
}

export type PackedParams = Record<string, PackedMat>;

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

export function packParams(params: Param[]): PackedParams {
  const out: PackedParams = {};
  for (const p of params) {
    const f = Float32Array.from(p.value.data);
    out[p.name] = {rows: p.value.rows, cols: p.value.cols, f32: toBase64(new Uint8Array(f.buffer))};
  }
  return out;
}

/** Loads packed values into params (names and shapes must match; see importParams). */
export function unpackParams(params: Param[], packed: PackedParams): void {
  const saved: Record<string, {rows: number; cols: number; data: Float32Array}> = {};
  for (const [name, m] of Object.entries(packed)) {
    const bytes = fromBase64(m.f32);
    if (bytes.length !== m.rows * m.cols * 4) throw new Error(`unpackParams: ${name} holds ${bytes.length / 4} numbers, not ${m.rows}×${m.cols}`);
    saved[name] = {rows: m.rows, cols: m.cols, data: new Float32Array(bytes.buffer, bytes.byteOffset, m.rows * m.cols)};
  }
  importParams(params, saved);
}
