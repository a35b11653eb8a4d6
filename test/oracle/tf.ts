/**
 * TensorFlow.js on its cpu backend: the independent implementation our layers are checked
 * against, with the same weights. Dev-only; never imported by src/, components/ or docs/.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";

let ready: Promise<void> | null = null;

export function tfReady(): Promise<void> {
  return (ready ??= tf.setBackend("cpu").then(() => tf.ready()));
}

export {tf};
