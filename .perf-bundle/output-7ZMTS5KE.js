import {
  confirm,
  formatSize,
  outputMode,
  planChangeCount,
  planLines,
  printJson,
  progressDisplay,
  say
} from "./chunk-AW2CFVCP.js";
import "./chunk-T5L4UPBX.js";
export {
  confirm,
  formatSize,
  outputMode,
  planChangeCount,
  planLines,
  printJson,
  progressDisplay,
  say
};
