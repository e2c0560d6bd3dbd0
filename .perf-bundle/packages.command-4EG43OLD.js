import {
  DRIFT_FILTERS,
  registerPackagesCommand
} from "./chunk-SQLIC67B.js";
import "./chunk-T5L4UPBX.js";
export {
  DRIFT_FILTERS,
  registerPackagesCommand
};
