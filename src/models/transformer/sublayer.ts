/**
 * The residual connection around every sub-layer, with its layer norm before or after:
 *   pre-LN  (Xiong et al., 2020):        y = x + F(LN(x))
 *   post-LN (Vaswani et al., 2017, §3.1): y = LN(x + F(x))
 * Backward (dX is ∂L/∂X), with F's own backward written dF⁻¹:
 *   pre:   dx = dy + LN⁻¹(dF⁻¹(dy))
 *   post:  ds = LN⁻¹(dy);   dx = ds + dF⁻¹(ds)
 * The cache keeps every intermediate tensor, for the backward pass and for the page's diagram.
 */
import type {Mat} from "../../engine/index.js";
import type {NormPlacement} from "./config.js";
import type {LayerNorm, LayerNormCache} from "./layer-norm.js";
import {residual, residualBackward} from "./residual.js";

export interface SublayerCache<C extends {Y: Mat}> {
  placement: NormPlacement;
  /** The input x, (N, d). */
  x: Mat;
  /** F's own cache; inner.Y is F's output, (N, d). */
  inner: C;
  /** x + F(·), (N, d). */
  sum: Mat;
  /** The layer norm: LN(x) (pre) or LN(x + F(x)) (post); norm.Y is (N, d). */
  norm: LayerNormCache;
  /** The output y, (N, d): sum (pre) or norm.Y (post). */
  y: Mat;
}

export function sublayerForward<C extends {Y: Mat}>(placement: NormPlacement, ln: LayerNorm, x: Mat, F: (input: Mat) => C): SublayerCache<C> {
  if (placement === "pre") {
    const norm = ln.forward(x); // LN(x): (N, d)
    const inner = F(norm.Y); // F(LN(x)): (N, d)
    const sum = residual(x, inner.Y); // x + F(LN(x)): (N, d)
    return {placement, x, inner, sum, norm, y: sum};
  }
  const inner = F(x); // F(x): (N, d)
  const sum = residual(x, inner.Y); // x + F(x): (N, d)
  const norm = ln.forward(sum); // LN(x + F(x)): (N, d)
  return {placement, x, inner, sum, norm, y: norm.Y};
}

/** `Fback(inner, dOut)` runs F's backward and returns ∂L/∂(F's input). */
export function sublayerBackward<C extends {Y: Mat}>(ln: LayerNorm, cache: SublayerCache<C>, dY: Mat, Fback: (inner: C, dOut: Mat) => Mat): Mat {
  if (cache.placement === "pre") {
    const dNorm = Fback(cache.inner, dY); // ∂L/∂LN(x): (N, d)
    return residualBackward(dY, ln.backward(cache.norm, dNorm)); // dy + LN⁻¹(·): (N, d)
  }
  const dSum = ln.backward(cache.norm, dY); // ∂L/∂(x + F(x)): (N, d)
  return residualBackward(dSum, Fback(cache.inner, dSum)); // ds + dF⁻¹(ds): (N, d)
}
