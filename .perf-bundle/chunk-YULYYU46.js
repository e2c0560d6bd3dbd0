import {
  ConfigError
} from "./chunk-T5L4UPBX.js";

// dist/src/agent/pacman/executor-context.js
function checkUrl(url, key) {
  let u;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigError(`[pacman] ${key}: '${url}' is not a URL`, void 0, key);
  }
  if (!["http:", "https:", "file:"].includes(u.protocol)) {
    throw new ConfigError(`[pacman] ${key}: '${url}' is not an http(s) or file URL`, void 0, key);
  }
  return url.replace(/\/+$/, "");
}
function executorContext(config, extra = {}) {
  const p = config.pacman;
  const mirrors = [...p.archiveMirrors, ...extra.pacman?.archiveMirrors ?? []].map((m) => checkUrl(m, "archive_mirrors"));
  return {
    timeoutMs: config.server.timeout * 1e3,
    exclude: config.client.exclude,
    ...extra,
    pacman: {
      command: p.command,
      root: p.root,
      dbpath: p.dbpath,
      configPath: p.configPath,
      cacheDir: p.cacheDir,
      useSudo: p.useSudo,
      archiveUrl: p.archiveUrl,
      ...extra.pacman,
      archiveMirrors: mirrors
    }
  };
}
function archiveBases(ctx) {
  const bases = [ctx.pacman.archiveUrl, ...ctx.pacman.archiveMirrors ?? []].filter((b) => typeof b === "string" && b !== "");
  return [...new Set(bases.map((b) => b.replace(/\/+$/, "")))];
}

export {
  executorContext,
  archiveBases
};
