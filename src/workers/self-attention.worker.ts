import {serve} from "./host.js";
import {SelfAttentionLive} from "../models/self-attention-live.js";
serve(new SelfAttentionLive());
