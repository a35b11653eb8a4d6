/**
 * Elementwise activations and their derivatives. Backward passes are written in terms of the
 * forward output y where that is cheaper (σ′ = y(1 − y), tanh′ = 1 − y²). `dX` is ∂L/∂X.
 */
import type {Arr} from "./mat.js";

export type Activation = "tanh" | "sigmoid" | "relu";

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** y = f(x), elementwise; x and y may be the same array. */
export function activate(f: Activation, x: Arr, y: Arr): Arr {
  const n = x.length;
  if (f === "tanh") for (let i = 0; i < n; i++) y[i] = Math.tanh(x[i]);
  else if (f === "sigmoid") for (let i = 0; i < n; i++) y[i] = sigmoid(x[i]);
  else for (let i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : 0;
  return y;
}

/** f′ at the point whose output is y. */
export function derivFromOutput(f: Activation, y: number): number {
  if (f === "tanh") return 1 - y * y;
  if (f === "sigmoid") return y * (1 - y);
  return y > 0 ? 1 : 0;
}

/** dx = dy ⊙ f′(x), with f′ read from the forward output y; dx may alias dy. */
export function activateBackward(f: Activation, y: Arr, dy: Arr, dx: Arr): Arr {
  const n = y.length;
  if (f === "tanh") for (let i = 0; i < n; i++) dx[i] = dy[i] * (1 - y[i] * y[i]);
  else if (f === "sigmoid") for (let i = 0; i < n; i++) dx[i] = dy[i] * y[i] * (1 - y[i]);
  else for (let i = 0; i < n; i++) dx[i] = y[i] > 0 ? dy[i] : 0;
  return dx;
}

/** γ = sup |f′|: 1 for tanh and ReLU, 1/4 for the sigmoid. */
export function derivBound(f: Activation): number {
  return f === "sigmoid" ? 0.25 : 1;
}
