import {
  planOf,
  runOperation
} from "./chunk-6GOSUWPW.js";
import "./chunk-TKIX6WGV.js";
import "./chunk-HXI4R6PT.js";
import "./chunk-ILHKZIDB.js";
import "./chunk-AW2CFVCP.js";
import "./chunk-KUJ3AIP3.js";
import "./chunk-S24NCT7Y.js";
import "./chunk-Z77OVGDM.js";
import "./chunk-3ZOWN2OT.js";
import "./chunk-Q4RKZCN5.js";
import "./chunk-T5L4UPBX.js";
export {
  planOf,
  runOperation
};
