/**
 * The boxes of the architecture diagram (Vaswani et al., 2017, Figure 1), by id, in the order a
 * token passes through them:
 *   enc.embed → enc.0.self → enc.0.ffn → … → enc.norm            (the encoder stack)
 *   dec.embed → dec.0.self → dec.0.cross → dec.0.ffn → … → dec.norm → out
 * "self", "cross" and "ffn" are whole sub-layers: the layer norm, the sub-layer and the residual sum.
 * enc.norm and dec.norm exist with pre-LN only.
 */
import type {NormPlacement} from "./config.js";

export type Stack = "enc" | "dec";
export type SublayerKind = "self" | "cross" | "ffn";

export type BlockId =
  | `${Stack}.embed`
  | `${Stack}.norm`
  | `enc.${number}.${"self" | "ffn"}`
  | `dec.${number}.${SublayerKind}`
  | "out";

export type ParsedBlock =
  | {kind: "embed"; stack: Stack}
  | {kind: "norm"; stack: Stack}
  | {kind: "sublayer"; stack: Stack; layer: number; sublayer: SublayerKind}
  | {kind: "out"};

/** Every block of a model with `layers` layers, in diagram order. */
export function blockIds(layers: number, norm: NormPlacement): BlockId[] {
  const ids: BlockId[] = ["enc.embed"];
  for (let l = 0; l < layers; l++) ids.push(`enc.${l}.self`, `enc.${l}.ffn`);
  if (norm === "pre") ids.push("enc.norm");
  ids.push("dec.embed");
  for (let l = 0; l < layers; l++) ids.push(`dec.${l}.self`, `dec.${l}.cross`, `dec.${l}.ffn`);
  if (norm === "pre") ids.push("dec.norm");
  ids.push("out");
  return ids;
}

/** Reads an id (from the page or a URL); null when it names no block of such a model. */
export function parseBlock(id: string, layers: number, norm: NormPlacement): ParsedBlock | null {
  if (id === "out") return {kind: "out"};
  let m = /^(enc|dec)\.(embed|norm)$/.exec(id);
  if (m) {
    if (m[2] === "norm" && norm !== "pre") return null;
    return {kind: m[2] as "embed" | "norm", stack: m[1] as Stack};
  }
  m = /^(enc|dec)\.(\d+)\.(self|cross|ffn)$/.exec(id);
  if (!m) return null;
  const stack = m[1] as Stack, layer = Number(m[2]), sublayer = m[3] as SublayerKind;
  if (layer >= layers || (stack === "enc" && sublayer === "cross")) return null;
  return {kind: "sublayer", stack, layer, sublayer};
}
