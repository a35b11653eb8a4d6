import {serve} from "./host.js";
import {Seq2seqLive} from "../models/seq2seq-live.js";
serve(new Seq2seqLive());
