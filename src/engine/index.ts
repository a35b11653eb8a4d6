/** The numeric engine every model is built from. */
export * from "./mat.js";
export * from "./rng.js";
export * from "./matmul.js";
export * from "./matvec.js";
export * from "./activations.js";
export * from "./softmax.js";
export * from "./loss.js";
export * from "./param.js";
export * from "./init.js";
export * from "./optim.js";
export * from "./gradcheck.js";
export * from "./rows.js";
