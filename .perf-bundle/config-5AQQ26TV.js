import {
  CONFIG_KEYS,
  configCandidates,
  loadConfig,
  writeConfigValues
} from "./chunk-AITXTHUY.js";
import "./chunk-T5L4UPBX.js";
export {
  CONFIG_KEYS,
  configCandidates,
  loadConfig,
  writeConfigValues
};
