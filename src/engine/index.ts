/**
 * The numeric engine every model is built from. Dense row-major float32 matrices (float64 for
 * gradient checks), hand-written forward and backward kernels, no DOM, no allocation in hot loops.
 *
 *   mat.ts          Mat {rows, cols, data}, alloc, row views, fromRows/toRows
 *   rng.ts          Rng: seeded uniform, normal, categorical, shuffle (no unseeded randomness anywhere)
 *   matmul.ts       C = op(A)·op(B) (+ C) in the layouts backprop needs: NN, NT (dX), TN (dW)
 *   matvec.ts       y = W·x, y = Wᵀ·x, W += x·yᵀ (one recurrent step)
 *   gemm.ts         the product routine under both: sparse, SIMD or JS route, by strides
 *   tiles.ts        JS register-blocked micro-kernels (4×4, 4×1, 1×4, 1×1)
 *   simd-gemm.ts    float32 products on WebAssembly SIMD: copy in, run, add back; useSimd on/off
 *   simd-kernel.ts  the 4×8 SIMD kernel, written with…
 *   wasm-asm.ts     …a tiny WebAssembly assembler (LEB128, the few instructions used, one module)
 *   rows.ts         a bias added to every row, and its backward (a sum over rows)
 *   activations.ts  tanh, sigmoid, ReLU and their derivatives from the output
 *   softmax.ts      softmax with temperature, row-wise, backward, entropy
 *   loss.ts         cross-entropy from logits (single and row-wise), mean squared error
 *   param.ts        Param {name, value, grad}; zero, count, export and import
 *   init.ts         Glorot uniform, normal, uniform, orthogonal initialisers
 *   optim.ts        SGD, Adam, clipping by global norm
 *   gradcheck.ts    central-difference gradient check over a Param list
 */
export * from "./mat.js";
export * from "./rng.js";
export * from "./matmul.js";
export * from "./matvec.js";
export {useSimd} from "./simd-gemm.js";
export * from "./activations.js";
export * from "./softmax.js";
export * from "./loss.js";
export * from "./param.js";
export * from "./init.js";
export * from "./optim.js";
export * from "./gradcheck.js";
export * from "./rows.js";
