import {
  CliError,
  EXIT
} from "./chunk-T5L4UPBX.js";

// dist/src/agent/api-client.js
var NetworkError = class extends CliError {
  constructor(message) {
    super(message, EXIT.NETWORK);
    this.name = "NetworkError";
  }
};
var ApiError = class extends CliError {
  status;
  code;
  details;
  constructor(message, status, code, details, exitCode) {
    super(message, exitCode);
    this.status = status;
    this.code = code;
    this.details = details;
    this.name = "ApiError";
  }
};
function isRetryable(err) {
  if (err instanceof NetworkError)
    return true;
  return err instanceof ApiError && (err.status >= 500 || err.status === 429);
}
function describeFetchError(err, timeoutMs) {
  const e = err;
  if (e.name === "TimeoutError" || e.name === "AbortError" || e.cause?.name === "TimeoutError") {
    return `timed out after ${timeoutMs < 1e3 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1e3)} s`}`;
  }
  const code = e.cause?.code ?? e.code;
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host not found";
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return "connection reset";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "host unreachable";
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
    case "ETIMEDOUT":
      return "timed out";
    default:
      if (typeof code === "string" && /CERT|SSL|TLS/.test(code))
        return `TLS error (${code})`;
      return (e.cause?.message ?? e.message ?? String(err)).split("\n")[0] ?? "request failed";
  }
}
var ApiClient = class {
  baseUrl;
  apiKey;
  timeoutMs;
  fetchFn;
  constructor(opts) {
    this.baseUrl = opts.url.replace(/\/+$/, "").replace(/\/api\/v1$/, "");
    this.apiKey = opts.apiKey;
    this.timeoutMs = opts.timeoutMs;
    this.fetchFn = opts.fetch ?? fetch;
  }
  /** Calls `/api/v1<path>` and returns the envelope's `data`. Throws NetworkError or ApiError. */
  async request(method, path, body, query) {
    return (await this.envelope(method, path, body, query)).data;
  }
  /** Like request, with the whole envelope (for the server's `message`). */
  async envelope(method, path, body, query) {
    const url = new URL(`${this.baseUrl}/api/v1${path}`);
    for (const [k, v] of Object.entries(query ?? {}))
      if (v !== void 0)
        url.searchParams.set(k, String(v));
    const headers = { accept: "application/json" };
    if (this.apiKey !== null)
      headers.authorization = `Bearer ${this.apiKey}`;
    if (body !== void 0)
      headers["content-type"] = "application/json";
    let res;
    let text;
    try {
      res = await this.fetchFn(url, {
        method,
        headers,
        body: body === void 0 ? void 0 : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs)
      });
      text = await res.text();
    } catch (err) {
      throw new NetworkError(`cannot reach the server at ${this.baseUrl}: ${describeFetchError(err, this.timeoutMs)}`);
    }
    let parsed;
    try {
      parsed = text === "" ? void 0 : JSON.parse(text);
    } catch {
      parsed = void 0;
    }
    const env = parsed;
    if (res.ok && env?.success === true)
      return env;
    if (env?.success === false && env.error && typeof env.error.message === "string") {
      const code = typeof env.error.code === "string" ? env.error.code : `HTTP_${res.status}`;
      const auth = res.status === 401 || res.status === 403;
      const what = res.status === 401 ? "authentication failed" : res.status === 403 ? "permission denied" : "server refused";
      throw new ApiError(`${what}: ${env.error.message} (${code})`, res.status, code, env.error.details, auth ? EXIT.AUTH : EXIT.ERROR);
    }
    if (res.status === 401 || res.status === 403) {
      throw new ApiError(`authentication failed: HTTP ${res.status} from ${this.baseUrl}`, res.status, `HTTP_${res.status}`, null, EXIT.AUTH);
    }
    const exit = res.status === 502 || res.status === 503 || res.status === 504 ? EXIT.NETWORK : EXIT.ERROR;
    const msg = `unexpected answer from ${this.baseUrl}: HTTP ${res.status}${res.ok ? " without the API envelope" : ""}`;
    if (exit === EXIT.NETWORK)
      throw new NetworkError(`cannot reach the server at ${this.baseUrl}: ${msg}`);
    throw new ApiError(msg, res.status, `HTTP_${res.status}`, null, exit);
  }
  // ---- health (public) ----
  health() {
    return this.request("GET", "/health/live");
  }
  // ---- endpoints ----
  register(body) {
    return this.request("POST", "/endpoints", body);
  }
  getEndpoint(id) {
    return this.request("GET", `/endpoints/${encodeURIComponent(id)}`);
  }
  updateEndpoint(id, body) {
    return this.request("PUT", `/endpoints/${encodeURIComponent(id)}`, body);
  }
  /** Reports the state; the reply carries drift (per-package lists with `details`). */
  submitState(id, state, opts = {}) {
    return this.request("POST", `/endpoints/${encodeURIComponent(id)}/state`, state, opts.details ? { details: true } : void 0);
  }
  submitRepositories(id, body) {
    return this.request("POST", `/endpoints/${encodeURIComponent(id)}/repositories`, body);
  }
  // ---- operations an endpoint starts ----
  sync(id, body) {
    return this.request("POST", `/endpoints/${encodeURIComponent(id)}/sync`, body);
  }
  setLatest(id, body) {
    return this.request("POST", `/endpoints/${encodeURIComponent(id)}/set-latest`, body);
  }
  revert(id, body) {
    return this.request("POST", `/endpoints/${encodeURIComponent(id)}/revert`, body);
  }
  listOperations(id, query = {}) {
    return this.request("GET", `/endpoints/${encodeURIComponent(id)}/operations`, void 0, query);
  }
  getOperation(id) {
    return this.request("GET", `/operations/${encodeURIComponent(id)}`);
  }
  progress(id, body) {
    return this.request("POST", `/operations/${encodeURIComponent(id)}/progress`, body);
  }
  complete(id, body) {
    return this.request("POST", `/operations/${encodeURIComponent(id)}/complete`, body);
  }
  fail(id, body) {
    return this.request("POST", `/operations/${encodeURIComponent(id)}/fail`, body);
  }
  cancel(id) {
    return this.request("POST", `/operations/${encodeURIComponent(id)}/cancel`, {});
  }
  // ---- pool and states ----
  getPool(id) {
    return this.request("GET", `/pools/${encodeURIComponent(id)}`);
  }
  poolStates(id, query = {}) {
    return this.request("GET", `/pools/${encodeURIComponent(id)}/states`, void 0, query);
  }
  getState(id) {
    return this.request("GET", `/states/${encodeURIComponent(id)}`);
  }
};

export {
  NetworkError,
  ApiError,
  isRetryable,
  ApiClient
};
