import {
  SyncDbIds,
  SyncDbPackages,
  TarParser
} from "./chunk-Z77OVGDM.js";
import {
  PacmanFormatError
} from "./chunk-Q4RKZCN5.js";

// dist/src/agent/pacman/sync-db.reader.js
import { access } from "node:fs/promises";
import path from "node:path";

// dist/src/agent/pacman/db-file.js
import { spawn } from "node:child_process";
import { createReadStream } from "node:fs";
import { open, readFile, realpath } from "node:fs/promises";
function detectCompression(head) {
  const b = (i) => head[i] ?? -1;
  if (b(0) === 31 && b(1) === 139)
    return "gzip";
  if (b(0) === 40 && b(1) === 181 && b(2) === 47 && b(3) === 253)
    return "zstd";
  if (b(0) === 253 && b(1) === 55 && b(2) === 122 && b(3) === 88 && b(4) === 90 && b(5) === 0)
    return "xz";
  if (b(0) === 66 && b(1) === 90 && b(2) === 104)
    return "bzip2";
  if (head.length >= 263 && String.fromCharCode(...head.subarray(257, 262)) === "ustar")
    return "none";
  if (head.length >= 512 && head.subarray(0, 512).every((x) => x === 0))
    return "none";
  return "unknown";
}
function reason(err) {
  const e = err;
  if (e.code === "ENOENT")
    return "file does not exist";
  if (e.code === "EACCES")
    return "permission denied";
  return e.code ?? e.message ?? String(err);
}
function view(b) {
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}
function run(cmd, args, file, sink) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    let failed = null;
    child.stdout.on("data", (d) => {
      if (failed !== null)
        return;
      try {
        sink(view(d));
      } catch (err) {
        failed = err;
        child.kill();
      }
    });
    child.stderr.on("data", (d) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (failed !== null)
        return reject(failed);
      if (code === 0)
        return resolve();
      const line = stderr.split("\n").find((l) => l.trim() !== "") ?? `exit ${code ?? signal}`;
      const why = line.replaceAll(`${file}: `, "").replace(/^\S+: /, "").trim();
      const tool = cmd.split("/").pop() ?? cmd;
      reject(new PacmanFormatError(file, `corrupt or truncated ${tool === "bsdtar" ? "archive" : `${tool} data`} (${why})`));
    });
  });
}
async function streamFile(file, gzip, sink) {
  const { createGunzip } = gzip ? await import("node:zlib") : { createGunzip: null };
  return new Promise((resolve, reject) => {
    const input = createReadStream(file, { highWaterMark: 256 * 1024 });
    const stream = createGunzip ? input.pipe(createGunzip({ chunkSize: 256 * 1024 })) : input;
    let done = false;
    const fail = (err) => {
      if (done)
        return;
      done = true;
      input.destroy();
      stream.destroy();
      reject(err);
    };
    input.on("error", (err) => fail(new PacmanFormatError(file, `could not read database: ${reason(err)}`)));
    if (gzip)
      stream.on("error", (err) => fail(new PacmanFormatError(file, `corrupt or truncated gzip data (${err.message})`)));
    stream.on("data", (d) => {
      if (done)
        return;
      try {
        sink(view(d));
      } catch (err) {
        fail(err);
      }
    });
    stream.on("end", () => {
      if (!done) {
        done = true;
        resolve();
      }
    });
  });
}
async function decompressDbFile(file, sink, tools = {}) {
  let head;
  try {
    const fh = await open(file, "r");
    try {
      const buf = Buffer.alloc(512);
      const { bytesRead } = await fh.read(buf, 0, 512, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw new PacmanFormatError(file, `could not read database: ${reason(err)}`);
  }
  if (head.length === 0)
    throw new PacmanFormatError(file, "empty file (not a pacman database)");
  const kind = detectCompression(head);
  const missing = (tool) => (err) => {
    if (err.code === "ENOENT")
      throw new PacmanFormatError(file, `cannot decompress: ${tool} is not installed`);
    throw err;
  };
  switch (kind) {
    case "gzip":
    case "none":
      return streamFile(file, kind === "gzip", sink);
    case "zstd":
      try {
        return await run(tools.zstd ?? "zstd", ["-dcq", "--", await realpath(file)], file, sink);
      } catch (err) {
        if (err.code !== "ENOENT")
          throw err;
        return zstdInProcess(file, sink);
      }
    case "xz":
      return run(tools.xz ?? "xz", ["-dcq", "--", await realpath(file)], file, sink).catch(missing("xz"));
    default:
      return run(tools.bsdtar ?? "bsdtar", ["-cf", "-", `@${file}`], file, sink).catch((err) => {
        if (err instanceof PacmanFormatError && kind === "unknown") {
          throw new PacmanFormatError(file, "not a pacman database (unrecognized file format)");
        }
        return missing("bsdtar")(err);
      });
  }
}
async function zstdInProcess(file, sink) {
  const { decompress } = await import("fzstd");
  const data = await readFile(file);
  let out;
  try {
    out = decompress(data);
  } catch (err) {
    throw new PacmanFormatError(file, `corrupt or truncated zstd data (${err.message})`);
  }
  sink(out);
}

// dist/src/agent/pacman/sync-db.reader.js
function syncDbFile(dbpath, repo) {
  return path.join(dbpath, "sync", `${repo}.db`);
}
async function consume(file, consumer) {
  try {
    await access(file);
  } catch {
    return null;
  }
  const parser = new TarParser(file, (e) => consumer.add(e), { directories: false });
  await decompressDbFile(file, (chunk) => parser.write(chunk));
  parser.end();
  return consumer.finish();
}
function readSyncDb(dbpath, repo) {
  const file = syncDbFile(dbpath, repo);
  return consume(file, new SyncDbPackages(file));
}
function listSyncDbPackages(dbpath, repo) {
  const file = syncDbFile(dbpath, repo);
  return consume(file, new SyncDbIds(file));
}

export {
  detectCompression,
  syncDbFile,
  readSyncDb,
  listSyncDbPackages
};
