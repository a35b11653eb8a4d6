/**
 * The shape of every tensor in one multi-head attention layer, labelled in the page's order
 * (split → attend → concat → project), for a batch of B sequences of n tokens attending to m keys.
 */
export interface LabelledShape {
  /** The tensor's name on the page, e.g. "Q_k" or "A_k = softmax(Q_k K_kᵀ/√d_k)". */
  name: string;
  /** Rows, columns. */
  shape: [number, number];
  /** How many such tensors there are (h for the per-head ones). */
  count: number;
  stage: "input" | "project" | "split" | "attend" | "concat" | "output";
}

export function multiHeadShapes(dModel: number, heads: number, n: number, m = n, batch = 1): LabelledShape[] {
  const dk = dModel / heads, N = batch * n, Nm = batch * m;
  return [
    {name: "X", shape: [N, dModel], count: 1, stage: "input"},
    {name: "W_Q, W_K, W_V", shape: [dModel, dModel], count: 3, stage: "project"},
    {name: "Q = X W_Q", shape: [N, dModel], count: 1, stage: "project"},
    {name: "K = X W_K", shape: [Nm, dModel], count: 1, stage: "project"},
    {name: "V = X W_V", shape: [Nm, dModel], count: 1, stage: "project"},
    {name: "Q_k", shape: [N, dk], count: heads, stage: "split"},
    {name: "K_k", shape: [Nm, dk], count: heads, stage: "split"},
    {name: "V_k", shape: [Nm, dk], count: heads, stage: "split"},
    {name: "S_k = Q_k K_kᵀ / √d_k", shape: [N, m], count: heads, stage: "attend"},
    {name: "A_k = softmax(S_k)", shape: [N, m], count: heads, stage: "attend"},
    {name: "head_k = A_k V_k", shape: [N, dk], count: heads, stage: "attend"},
    {name: "C = concat(head_1 … head_h)", shape: [N, dModel], count: 1, stage: "concat"},
    {name: "W_O", shape: [dModel, dModel], count: 1, stage: "output"},
    {name: "Y = C W_O", shape: [N, dModel], count: 1, stage: "output"}
  ];
}
