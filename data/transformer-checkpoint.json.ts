/**
 * Build-time checkpoint for chapter 8 (an Observable Framework data loader, run with tsx): trains
 * the date model and the reversal model with the code the page runs and prints them, with their
 * held-out accuracy by source length and the steps each took, as JSON on stdout.
 * About 25 s of one core.
 */
import {trainCheckpoint} from "../src/models/transformer/checkpoint.js";

process.stdout.write(JSON.stringify(trainCheckpoint()));
