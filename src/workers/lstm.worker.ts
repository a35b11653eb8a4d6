import {serve} from "./host.js";
import {LstmLive} from "../models/lstm-live.js";
serve(new LstmLive());
