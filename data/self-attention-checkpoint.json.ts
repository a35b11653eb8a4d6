/**
 * Build-time checkpoint for chapter 6 (an Observable Framework data loader, run with tsx): trains
 * the sorting-by-pointers model with each kind of positions, with the code the page runs, and
 * prints the weights and their held-out evaluation as JSON on stdout. About 3 s of one core.
 */
import {trainSelfAttentionCheckpoint} from "../src/models/self-attention-checkpoint.js";

process.stdout.write(JSON.stringify(trainSelfAttentionCheckpoint()));
