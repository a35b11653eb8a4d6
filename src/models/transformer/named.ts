/** Gives a block's parameters the page's dotted names, e.g. "enc.0.self.W_Q", so a model's names are distinct. */
import type {Param} from "../../engine/index.js";

export function prefixNames<T extends {params: Param[]}>(prefix: string, block: T): T {
  for (const p of block.params) p.name = `${prefix}.${p.name}`;
  return block;
}
