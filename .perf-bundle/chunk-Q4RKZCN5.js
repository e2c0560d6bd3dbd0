// dist/src/core/errors.js
var DomainError = class extends Error {
  code;
  details;
  constructor(code, message, details) {
    super(message);
    this.code = code;
    this.details = details;
    this.name = "DomainError";
  }
};
var ValidationError = class extends DomainError {
  field;
  /** `field` names the offending input (e.g. `packages.firefox.version`). */
  constructor(field, message, details) {
    super("VALIDATION_ERROR", `${field}: ${message}`, details ?? { field });
    this.field = field;
    this.name = "ValidationError";
  }
};
var PacmanFormatError = class extends Error {
  file;
  constructor(file, message) {
    super(`${file}: ${message}`);
    this.file = file;
    this.name = "PacmanFormatError";
  }
};

export {
  ValidationError,
  PacmanFormatError
};
