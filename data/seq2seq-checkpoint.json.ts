/**
 * Build-time checkpoint for chapter 4 (an Observable Framework data loader, run with tsx): trains
 * the date model and both reversal models with the code the page runs and prints them, with the
 * held-out accuracy-by-length table, as JSON on stdout. About 20 s on one core.
 */
import {trainCheckpoint} from "../src/models/seq2seq/checkpoint.js";

process.stdout.write(JSON.stringify(trainCheckpoint()));
