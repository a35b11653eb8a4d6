import {serve} from "./host.js";
import {AddingLive} from "../models/adding-live.js";
serve(new AddingLive());
