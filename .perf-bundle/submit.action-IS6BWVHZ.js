import {
  driftLine,
  runSubmit
} from "./chunk-CI65HWVU.js";
import "./chunk-DX3RTFEB.js";
import "./chunk-5AKQSSKG.js";
import "./chunk-XF2QI3ZZ.js";
import "./chunk-YULYYU46.js";
import "./chunk-HXI4R6PT.js";
import "./chunk-ILHKZIDB.js";
import "./chunk-AW2CFVCP.js";
import "./chunk-KUJ3AIP3.js";
import "./chunk-I6OEBWSL.js";
import "./chunk-AITXTHUY.js";
import "./chunk-S24NCT7Y.js";
import "./chunk-Z77OVGDM.js";
import "./chunk-3ZOWN2OT.js";
import "./chunk-Q4RKZCN5.js";
import "./chunk-T5L4UPBX.js";
export {
  driftLine,
  runSubmit
};
