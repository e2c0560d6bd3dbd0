import {
  warn
} from "./chunk-DX3RTFEB.js";
import "./chunk-5AKQSSKG.js";
import {
  commandConfig,
  sessionFor
} from "./chunk-XF2QI3ZZ.js";
import "./chunk-YULYYU46.js";
import {
  capture,
  submitCapture
} from "./chunk-HXI4R6PT.js";
import {
  ApiClient
} from "./chunk-ILHKZIDB.js";
import {
  outputMode,
  printJson,
  say
} from "./chunk-AW2CFVCP.js";
import "./chunk-KUJ3AIP3.js";
import "./chunk-I6OEBWSL.js";
import {
  writeConfigValues
} from "./chunk-AITXTHUY.js";
import "./chunk-S24NCT7Y.js";
import {
  listLocalDb
} from "./chunk-Z77OVGDM.js";
import "./chunk-3ZOWN2OT.js";
import "./chunk-Q4RKZCN5.js";
import {
  CliError,
  ConfigError,
  messageFor
} from "./chunk-T5L4UPBX.js";

// dist/src/agent/commands/register.action.js
import { readFileSync } from "node:fs";
import { hostname, machine, release } from "node:os";

// dist/src/contracts/endpoint.contract.js
import { Type as Type5 } from "@sinclair/typebox";

// dist/src/contracts/common.contract.js
import { Type } from "@sinclair/typebox";
var Uuid = Type.String({
  format: "uuid",
  maxLength: 36,
  description: "UUID"
});
var IsoTimestamp = Type.String({
  format: "date-time",
  maxLength: 40,
  description: "ISO-8601 timestamp"
});
var NullableIsoTimestamp = Type.Union([IsoTimestamp, Type.Null()]);
var IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
var JsonObject = Type.Record(Type.String(), Type.Unknown());
var DEFAULT_PAGE_LIMIT = 50;
var MAX_PAGE_LIMIT = 1e3;
var PaginationProperties = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1e9, default: 0 }))
};
var PaginationQuery = Type.Object(PaginationProperties, { additionalProperties: false });
var ErrorCodeSchema = Type.Union([
  Type.Literal("VALIDATION_ERROR"),
  Type.Literal("AUTHENTICATION_REQUIRED"),
  Type.Literal("INSUFFICIENT_PERMISSIONS"),
  Type.Literal("RESOURCE_NOT_FOUND"),
  Type.Literal("RESOURCE_CONFLICT"),
  Type.Literal("SYNC_IN_PROGRESS"),
  Type.Literal("INVALID_STATE"),
  Type.Literal("RATE_LIMIT_EXCEEDED"),
  Type.Literal("DATABASE_ERROR"),
  Type.Literal("INTERNAL_ERROR")
]);
var ErrorEnvelope = Type.Object({
  success: Type.Literal(false),
  error: Type.Object({
    code: ErrorCodeSchema,
    message: Type.String(),
    details: Type.Optional(Type.Unknown())
  }),
  timestamp: IsoTimestamp
});
var Text = (maxLength) => Type.String({ maxLength, pattern: "^[^\\u0000]*$" });
var DisplayName = Type.String({
  minLength: 1,
  maxLength: 255,
  pattern: "^[^\\s\\u0000-\\u001f\\u007f](?:[^\\u0000-\\u001f\\u007f]*[^\\s\\u0000-\\u001f\\u007f])?$"
});

// dist/src/contracts/event.contract.js
import { Type as Type2 } from "@sinclair/typebox";
var EventSeverity = Type2.Union([
  Type2.Literal("info"),
  Type2.Literal("warning"),
  Type2.Literal("error"),
  Type2.Literal("critical")
]);
var EventType = Type2.String({ minLength: 1, maxLength: 100, pattern: "^[a-z][a-z0-9_.]*$" });
var EventListQuery = Type2.Object({
  ...PaginationProperties,
  event_type: Type2.Optional(EventType),
  severity: Type2.Optional(EventSeverity),
  endpoint_id: Type2.Optional(Uuid),
  pool_id: Type2.Optional(Uuid),
  /** Only events at or after this instant. */
  since: Type2.Optional(IsoTimestamp)
}, { additionalProperties: false });
var EventView = Type2.Object({
  id: Uuid,
  event_type: Type2.String(),
  severity: Type2.String(),
  message: Type2.String(),
  details: JsonObject,
  /** Who did it: the API key's name and id (never the key), `cli`, or `system`. */
  user_id: Type2.Union([Type2.String(), Type2.Null()]),
  endpoint_id: Type2.Union([Uuid, Type2.Null()]),
  pool_id: Type2.Union([Uuid, Type2.Null()]),
  created_at: IsoTimestamp
});

// dist/src/contracts/operation.contract.js
import { Type as Type4 } from "@sinclair/typebox";

// dist/src/contracts/package.contract.js
import { Type as Type3 } from "@sinclair/typebox";
var PACKAGE_NAME_PATTERN = "^[a-z0-9@_+][a-z0-9@._+-]*$";
var PACKAGE_NAME_MAX_LENGTH = 255;
var PKGVER = "[!-,.0-9;?-~]+";
var PKGREL = "[0-9]+(?:\\.[0-9]+)?";
var PACKAGE_VERSION_PATTERN = `^(?:[0-9]+:)?${PKGVER}-${PKGREL}$`;
var PACKAGE_VERSION_MAX_LENGTH = 255;
var PACKAGE_GLOB_PATTERN = "^[a-z0-9@_+*?\\[\\]^][a-z0-9@._+*?\\[\\]!^-]*$";
var REPO_NAME_PATTERN = "^(?!(?:local|options)$)[A-Za-z0-9@_+][A-Za-z0-9@._+-]*$";
var DEPENDENCY_PATTERN = `^[A-Za-z0-9@_+:][A-Za-z0-9@._+:-]*(?:(?:<|<=|=|>=|>)(?:[0-9]+:)?${PKGVER}(?:-${PKGREL})?)?$`;
var PackageName = Type3.String({
  minLength: 1,
  maxLength: PACKAGE_NAME_MAX_LENGTH,
  pattern: PACKAGE_NAME_PATTERN,
  description: "pacman package name"
});
var PackageVersion = Type3.String({
  minLength: 3,
  maxLength: PACKAGE_VERSION_MAX_LENGTH,
  pattern: PACKAGE_VERSION_PATTERN,
  description: "pacman version [epoch:]pkgver-pkgrel"
});
var PackageNameOrGlob = Type3.String({
  minLength: 1,
  maxLength: PACKAGE_NAME_MAX_LENGTH,
  pattern: PACKAGE_GLOB_PATTERN,
  description: "package name or glob pattern"
});
var RepoName = Type3.String({
  minLength: 1,
  maxLength: 255,
  pattern: REPO_NAME_PATTERN,
  description: "pacman repository name"
});
var DependencyString = Type3.String({ minLength: 1, maxLength: 512, pattern: DEPENDENCY_PATTERN });
var MAX_NAME_LIST = 1e4;
var PackageNameList = Type3.Array(PackageName, { maxItems: MAX_NAME_LIST });
var PackageGlobList = Type3.Array(PackageNameOrGlob, { maxItems: MAX_NAME_LIST });
var MAX_STATE_PACKAGES = 5e4;
var MAX_DEPENDENCIES_PER_PACKAGE = 2e3;
var STATE_BODY_LIMIT_BYTES = 64 * 1024 * 1024;
var InstallReasonSchema = Type3.Union([Type3.Literal("explicit"), Type3.Literal("dependency")]);
var StatePackageSchema = Type3.Object({
  version: PackageVersion,
  repository: Type3.Union([RepoName, Type3.Null()]),
  size: Type3.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
  dependencies: Type3.Array(DependencyString, { maxItems: MAX_DEPENDENCIES_PER_PACKAGE }),
  install_date: Type3.Union([IsoTimestamp, Type3.Null()]),
  reason: Type3.Optional(InstallReasonSchema),
  provides: Type3.Optional(Type3.Array(DependencyString, { maxItems: MAX_DEPENDENCIES_PER_PACKAGE })),
  arch: Type3.Optional(Type3.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9_]+$" }))
}, { additionalProperties: false });
var RepositorySnapshotSchema = Type3.Object({
  name: RepoName,
  server: Type3.Union([Type3.String({ maxLength: 2048 }), Type3.Null()]),
  db_hash: Type3.Union([Type3.String({ pattern: "^[0-9a-f]{64}$" }), Type3.Null()]),
  db_date: Type3.Union([IsoTimestamp, Type3.Null()])
}, { additionalProperties: false });
var StateReportMetadata = Type3.Object({
  total_packages: Type3.Optional(Type3.Integer({ minimum: 0 })),
  total_size: Type3.Optional(Type3.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  capture_method: Type3.Optional(Type3.String({ minLength: 1, maxLength: 64 })),
  excluded_packages: Type3.Optional(PackageGlobList),
  content_hash: Type3.Optional(Type3.String({ maxLength: 128 })),
  repositories: Type3.Optional(Type3.Array(RepositorySnapshotSchema, { maxItems: 256 }))
}, { additionalProperties: false });
var StateReportBody = Type3.Object({
  packages: Type3.Record(Type3.String(), StatePackageSchema, {
    maxProperties: MAX_STATE_PACKAGES,
    propertyNames: { pattern: PACKAGE_NAME_PATTERN, maxLength: PACKAGE_NAME_MAX_LENGTH }
  }),
  metadata: StateReportMetadata
}, { additionalProperties: false });
var RepositoryPackageSchema = Type3.Object({
  version: PackageVersion,
  description: Type3.Optional(Type3.Union([Type3.String({ maxLength: 4096 }), Type3.Null()])),
  size: Type3.Optional(Type3.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  dependencies: Type3.Optional(Type3.Array(DependencyString, { maxItems: MAX_DEPENDENCIES_PER_PACKAGE })),
  provides: Type3.Optional(Type3.Array(DependencyString, { maxItems: MAX_DEPENDENCIES_PER_PACKAGE })),
  arch: Type3.Optional(Type3.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9_]+$" })),
  last_modified: Type3.Optional(Type3.Union([IsoTimestamp, Type3.Null()]))
}, { additionalProperties: false });
var MAX_REPOSITORY_PACKAGES = 1e5;
var MAX_REPOSITORIES = 64;
var RepositoryReport = Type3.Object({
  name: RepoName,
  url: Type3.Union([Type3.String({ maxLength: 500 }), Type3.Null()]),
  packages: Type3.Record(Type3.String(), RepositoryPackageSchema, {
    maxProperties: MAX_REPOSITORY_PACKAGES,
    propertyNames: { pattern: PACKAGE_NAME_PATTERN, maxLength: PACKAGE_NAME_MAX_LENGTH }
  }),
  metadata: Type3.Optional(Type3.Object({
    last_sync: Type3.Optional(Type3.Union([IsoTimestamp, Type3.Null()])),
    sync_method: Type3.Optional(Type3.String({ maxLength: 64 })),
    db_hash: Type3.Optional(Type3.Union([Type3.String({ pattern: "^[0-9a-f]{64}$" }), Type3.Null()]))
  }, { additionalProperties: false }))
}, { additionalProperties: false });
var RepositoriesReportBody = Type3.Object({ repositories: Type3.Array(RepositoryReport, { maxItems: MAX_REPOSITORIES }) }, { additionalProperties: false });

// dist/src/contracts/operation.contract.js
var OperationType = Type4.Union([
  Type4.Literal("sync_to_latest"),
  Type4.Literal("set_as_latest"),
  Type4.Literal("revert_to_previous"),
  Type4.Literal("repository_analysis")
]);
var OperationStatus = Type4.Union([
  Type4.Literal("pending"),
  Type4.Literal("in_progress"),
  Type4.Literal("completed"),
  Type4.Literal("failed"),
  Type4.Literal("cancelled")
]);
var OperationView = Type4.Object({
  id: Uuid,
  pool_id: Type4.Union([Uuid, Type4.Null()]),
  endpoint_id: Type4.Union([Uuid, Type4.Null()]),
  operation_type: Type4.String(),
  status: Type4.String(),
  progress: Type4.Integer({ minimum: 0, maximum: 100 }),
  /** The plan and options (packages_to_install/upgrade/downgrade/remove, conflicts, …). */
  details: JsonObject,
  error_message: Type4.Union([Type4.String(), Type4.Null()]),
  started_at: NullableIsoTimestamp,
  completed_at: NullableIsoTimestamp,
  created_at: IsoTimestamp
});
var OperationListQuery = Type4.Object({
  ...PaginationProperties,
  status: Type4.Optional(OperationStatus),
  operation_type: Type4.Optional(OperationType)
}, { additionalProperties: false });
var SyncOptions = Type4.Object({
  dry_run: Type4.Optional(Type4.Boolean({ default: false })),
  /** Allow downgrades that `manual` conflict resolution would block. */
  force: Type4.Optional(Type4.Boolean({ default: false })),
  /** Only these packages (names from the target). */
  packages: Type4.Optional(PackageNameList),
  /** Excluded for this operation only (names or globs). */
  exclude: Type4.Optional(PackageGlobList)
}, { additionalProperties: false });
var SetLatestBody = Type4.Object({
  message: Type4.Optional(Text(1e3)),
  /** Promote only these packages onto the previous target (consistency-checked). */
  packages: Type4.Optional(PackageNameList),
  /** Store a partial promotion even when it leaves dependencies unsatisfied (flagged). */
  force: Type4.Optional(Type4.Boolean({ default: false })),
  /** Show what would become the target (and whether it is consistent) without storing anything. */
  dry_run: Type4.Optional(Type4.Boolean({ default: false }))
}, { additionalProperties: false });
var RevertBody = Type4.Object({
  /** The endpoint's own earlier state; default: its state just before its last sync. */
  target_state_id: Type4.Optional(Uuid),
  dry_run: Type4.Optional(Type4.Boolean({ default: false }))
}, { additionalProperties: false });
var ProgressBody = Type4.Object({
  progress: Type4.Integer({ minimum: 0, maximum: 100 }),
  step: Type4.Optional(Type4.String({ maxLength: 200 })),
  packages_processed: Type4.Optional(Type4.Integer({ minimum: 0 })),
  packages_total: Type4.Optional(Type4.Integer({ minimum: 0 })),
  current_package: Type4.Optional(PackageName)
}, { additionalProperties: false });
var CompleteBody = Type4.Object({
  result: Type4.Optional(JsonObject),
  state: Type4.Optional(StateReportBody)
}, { additionalProperties: false });
var FailBody = Type4.Object({
  error_message: Type4.String({ minLength: 1, maxLength: 16e3 }),
  state: Type4.Optional(StateReportBody)
}, { additionalProperties: false });

// dist/src/contracts/endpoint.contract.js
var ENDPOINT_NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._@+-]*$";
var EndpointName = Type5.String({ minLength: 1, maxLength: 255, pattern: ENDPOINT_NAME_PATTERN });
var HOSTNAME_PATTERN = "^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$";
var Hostname = Type5.String({ minLength: 1, maxLength: 253, pattern: HOSTNAME_PATTERN });
var EndpointStatus = Type5.Union([Type5.Literal("online"), Type5.Literal("offline"), Type5.Literal("error")]);
var SyncStatus = Type5.Union([
  Type5.Literal("in_sync"),
  Type5.Literal("behind"),
  Type5.Literal("ahead"),
  Type5.Literal("sync_pending"),
  Type5.Literal("unknown")
]);
var MAX_SYSTEM_INFO_KEYS = 64;
var SystemInfo = Type5.Object({
  architecture: Type5.Optional(Type5.String({ maxLength: 64 })),
  pacman_version: Type5.Optional(Type5.String({ maxLength: 64 })),
  kernel: Type5.Optional(Type5.String({ maxLength: 255 })),
  total_packages: Type5.Optional(Type5.Integer({ minimum: 0 })),
  available_repos: Type5.Optional(Type5.Array(Type5.String({ maxLength: 255 }), { maxItems: 256 })),
  client_version: Type5.Optional(Type5.String({ maxLength: 64 })),
  os_release: Type5.Optional(Type5.String({ maxLength: 255 }))
}, { additionalProperties: true, maxProperties: MAX_SYSTEM_INFO_KEYS });
var RegisterEndpointBody = Type5.Object({
  name: EndpointName,
  hostname: Hostname,
  /** Pool to join. An enroll key bound to a pool puts the endpoint there (and refuses others). */
  pool_id: Type5.Optional(Type5.Union([Uuid, Type5.Null()])),
  system_info: Type5.Optional(SystemInfo)
}, { additionalProperties: false });
var UpdateEndpointBody = Type5.Object({
  name: Type5.Optional(EndpointName),
  hostname: Type5.Optional(Hostname),
  /** null leaves the pool; an id moves the endpoint (admin only). */
  pool_id: Type5.Optional(Type5.Union([Uuid, Type5.Null()])),
  system_info: Type5.Optional(SystemInfo)
}, { additionalProperties: false, minProperties: 1 });
var EndpointListQuery = Type5.Object({
  ...PaginationProperties,
  pool_id: Type5.Optional(Uuid),
  status: Type5.Optional(EndpointStatus),
  sync_status: Type5.Optional(SyncStatus),
  /** Substring of name or hostname. */
  search: Type5.Optional(Type5.String({ minLength: 1, maxLength: 255 }))
}, { additionalProperties: false });
var PackageSummary = Type5.Union([JsonObject, Type5.Null()]);
var EndpointView = Type5.Object({
  id: Uuid,
  name: Type5.String(),
  hostname: Type5.String(),
  pool_id: Type5.Union([Uuid, Type5.Null()]),
  status: Type5.String(),
  sync_status: Type5.String(),
  system_info: JsonObject,
  package_summary: PackageSummary,
  last_seen: NullableIsoTimestamp,
  created_at: IsoTimestamp,
  updated_at: IsoTimestamp
});
var RegisteredEndpoint = Type5.Composite([
  EndpointView,
  Type5.Object({
    /** The endpoint's own API key. Shown once, never again. */
    api_key: Type5.String(),
    api_key_id: Uuid
  })
]);
var RecentActivity = Type5.Object({
  operations: Type5.Array(OperationView),
  events: Type5.Array(EventView)
});
var EndpointDetail = Type5.Composite([
  EndpointView,
  Type5.Object({
    pool: Type5.Union([Type5.Object({ id: Uuid, name: Type5.String() }), Type5.Null()]),
    current_state_id: Type5.Union([Uuid, Type5.Null()]),
    recent_activity: RecentActivity
  })
]);

// dist/src/agent/commands/register.action.js
var UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function hostName() {
  const h = hostname();
  if (new RegExp(HOSTNAME_PATTERN).test(h))
    return h;
  const cleaned = h.replace(/[^A-Za-z0-9.-]/g, "-").replace(/^[-.]+|[-.]+$/g, "");
  return new RegExp(HOSTNAME_PATTERN).test(cleaned) ? cleaned : "localhost";
}
function osRelease() {
  try {
    const m = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync("/etc/os-release", "utf8"));
    return m?.[1]?.slice(0, 255);
  } catch {
    return void 0;
  }
}
async function clientVersion() {
  try {
    return (await import("./version-RZDQOUPE.js")).VERSION;
  } catch {
    return void 0;
  }
}
async function runRegister(opts, cmd) {
  const mode = outputMode(opts.json);
  const config = commandConfig(cmd, { allowMissing: true });
  let url;
  try {
    url = new URL(opts.server);
  } catch {
    throw new CliError(`--server: '${opts.server}' is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new CliError(`--server: '${opts.server}' is not an http(s) URL`);
  const server = opts.server.replace(/\/+$/, "");
  const name = opts.name ?? config.client.endpointName;
  if (!new RegExp(ENDPOINT_NAME_PATTERN).test(name) || name.length > 255) {
    throw new CliError(`--name: '${name}' is not a valid endpoint name (letters, digits and ._@+-, starting with a letter or digit)`);
  }
  const pool = opts.pool ?? config.client.poolId ?? void 0;
  if (pool !== void 0 && !UUID.test(pool))
    throw new CliError(`--pool: '${pool}' is not a pool id (a UUID)`);
  const key = opts.enrollKey.trim();
  if (key === "")
    throw new CliError("--enroll-key must not be empty");
  const info = { architecture: machine(), kernel: release().slice(0, 255) };
  const version = await clientVersion();
  if (version)
    info.client_version = version;
  const os = osRelease();
  if (os)
    info.os_release = os;
  try {
    info.total_packages = listLocalDb(config.pacman.dbpath).length;
  } catch {
  }
  const client = new ApiClient({ url: server, apiKey: key, timeoutMs: config.server.timeout * 1e3 });
  const ep = await client.register({ name, hostname: hostName(), ...pool !== void 0 ? { pool_id: pool } : {}, system_info: info });
  const file = config.writeTarget;
  try {
    writeConfigValues(file, {
      server: { url: server, api_key: ep.api_key },
      client: { endpoint_name: ep.name, endpoint_id: ep.id }
    });
  } catch (err) {
    const why = err instanceof ConfigError ? err.message : String(err);
    throw new ConfigError(`registered as ${ep.name} (id ${ep.id}) but could not save the configuration: ${why}; delete the endpoint on the server and register again`, file);
  }
  let reported = null;
  try {
    const session = sessionFor(commandConfig(cmd));
    const reply = await submitCapture(session.client, session.endpointId, await capture(session.ctx));
    reported = reply.sync_status;
  } catch (err) {
    warn(`warning: registered, but the first report was not sent: ${messageFor(err)} (run "pacsync submit")`);
  }
  if (mode === "json") {
    printJson({ id: ep.id, name: ep.name, pool_id: ep.pool_id, server, config_file: file, reported: reported !== null, sync_status: reported });
    return;
  }
  say(mode, `registered as ${ep.name} (endpoint ${ep.id})${ep.pool_id ? ` in pool ${ep.pool_id}` : ", not in a pool yet"}`);
  say(mode, `configuration written to ${file} (mode 0600)`);
  if (reported !== null)
    say(mode, `packages reported; sync status: ${reported}`);
}
export {
  runRegister
};
