import {
  compileFnmatch,
  fnmatch,
  isLiteralPattern
} from "./chunk-UACINFJY.js";
export {
  compileFnmatch,
  fnmatch,
  isLiteralPattern
};
