/**
 * Why a recurrent network and not a wider MLP (chapter 1): an MLP that reads a window of w
 * characters, one-hot, needs weights for every position of the window,
 *   MLP(w) = (w·V)·H + H  +  H·V + V          hidden layer over w·V inputs, then the output layer
 * while the RNN reuses one W_x, W_h at every step, whatever the length:
 *   RNN    = D·H + H·H + H  +  H·V + V  (+ V·D for an embedding; D = V for one-hot inputs)
 */

export function mlpParameters(window: number, vocab: number, hidden: number): number {
  return window * vocab * hidden + hidden + hidden * vocab + vocab;
}

export function rnnParameters(vocab: number, hidden: number, embed = 0): number {
  const D = embed > 0 ? embed : vocab;
  return (embed > 0 ? vocab * embed : 0) + D * hidden + hidden * hidden + hidden + hidden * vocab + vocab;
}
