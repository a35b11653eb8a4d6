import {serve} from "./host.js";
import {RnnLive} from "../models/rnn-live.js";
serve(new RnnLive());
