import {describe, expect, it} from "vitest";
import * as engine from "../../../src/engine/index.js";

describe("engine index", () => {
  it("re-exports every kernel other modules import", () => {
    const names = [
      "alloc", "mat", "dtypeOf", "row", "clone", "toRows", "fromRows", "Rng", "matmul", "matvec", "matvecT", "outerAcc",
      "sigmoid", "activate", "derivFromOutput", "activateBackward", "derivBound", "softmax", "softmaxRows",
      "softmaxBackward", "softmaxRowsBackward", "entropy", "crossEntropyLogits", "crossEntropyRows", "mse", "param",
      "zeroGrads", "countParams", "exportParams", "importParams", "glorotUniform", "normalInit", "uniformInit",
      "orthogonal", "globalNorm", "clipGlobalNorm", "sgd", "adam", "gradCheck", "addRowVector", "sumRowsInto", "useSimd"
    ];
    for (const name of names) expect(typeof (engine as Record<string, unknown>)[name], name).toBe("function");
  });
});
