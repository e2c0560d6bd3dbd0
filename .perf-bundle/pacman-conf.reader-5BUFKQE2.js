import {
  expandInclude,
  loadPacmanConf,
  parsePacmanConfFile
} from "./chunk-3ZOWN2OT.js";
import "./chunk-Q4RKZCN5.js";
export {
  expandInclude,
  loadPacmanConf,
  parsePacmanConfFile
};
