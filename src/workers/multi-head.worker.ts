import {serve} from "./host.js";
import {MultiHeadLive} from "../models/multi-head-live.js";
serve(new MultiHeadLive());
