import {serve} from "./host.js";
import {TransformerLive} from "../models/transformer-live.js";
serve(new TransformerLive());
