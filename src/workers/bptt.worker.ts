import {serve} from "./host.js";
import {BpttLive} from "../models/bptt-live.js";
serve(new BpttLive());
