import {serve} from "./host.js";
import {DemoLive} from "../models/demo-live.js";
serve(new DemoLive());
