import {serve} from "./host.js";
import {QkvLive} from "../models/qkv-live.js";
serve(new QkvLive());
