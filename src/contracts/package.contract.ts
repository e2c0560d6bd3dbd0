// Package names, versions and the package state an agent reports (seed
// `package_states.state_data`; README "API keys and the HTTP API", `POST /endpoints/{id}/state`). The patterns mirror src/core/names.ts, which
// services use for the same checks outside HTTP (CLI, agent config); keep the two in step.
import { Type, type Static } from '@sinclair/typebox';
import type { RepositorySnapshot, StatePackage } from '../core/package-state.js';
import type { Assert, Equal } from '../core/type-equality.js';
import { IsoTimestamp } from './common.contract.js';

/** pacman package name: lowercase alphanumerics and `@._+-`, not starting with `-` or `.`. */
export const PACKAGE_NAME_PATTERN = '^[a-z0-9@_+][a-z0-9@._+-]*$';
export const PACKAGE_NAME_MAX_LENGTH = 255;

/**
 * Full pacman version `[epoch:]pkgver-pkgrel`: numeric epoch; pkgver printable ASCII without
 * `:`, `/`, `-`, `<`, `>`, `=` or whitespace; pkgrel `N` or `N.M` (core validateVersion).
 */
const PKGVER = '[!-,.0-9;?-~]+';
const PKGREL = '[0-9]+(?:\\.[0-9]+)?';
export const PACKAGE_VERSION_PATTERN = `^(?:[0-9]+:)?${PKGVER}-${PKGREL}$`;
export const PACKAGE_VERSION_MAX_LENGTH = 255;

/**
 * Exact name or fnmatch glob (`linux*`, `python-?`, `lib[0-9]*`), core validateExclusionPattern's
 * characters; services additionally check that brackets pair up.
 */
export const PACKAGE_GLOB_PATTERN = '^[a-z0-9@_+*?\\[\\]^][a-z0-9@._+*?\\[\\]!^-]*$';

/** Repository name (pacman.conf section): letters, digits, `@._+-`, not starting `-`/`.`, not `local`/`options`. */
export const REPO_NAME_PATTERN = '^(?!(?:local|options)$)[A-Za-z0-9@_+][A-Za-z0-9@._+-]*$';

/**
 * Dependency or provision string as pacman writes it: `name`, `name>=1.0`, `libGL.so=1-64`,
 * `so:libc.so`. Names are looser than package names (upper case, `:`; core
 * validateDependencyName); the version after an operator may omit the pkgrel.
 */
export const DEPENDENCY_PATTERN = `^[A-Za-z0-9@_+:][A-Za-z0-9@._+:-]*(?:(?:<|<=|=|>=|>)(?:[0-9]+:)?${PKGVER}(?:-${PKGREL})?)?$`;

export const PackageName = Type.String({
  minLength: 1,
  maxLength: PACKAGE_NAME_MAX_LENGTH,
  pattern: PACKAGE_NAME_PATTERN,
  description: 'pacman package name',
});

export const PackageVersion = Type.String({
  minLength: 3,
  maxLength: PACKAGE_VERSION_MAX_LENGTH,
  pattern: PACKAGE_VERSION_PATTERN,
  description: 'pacman version [epoch:]pkgver-pkgrel',
});

export const PackageNameOrGlob = Type.String({
  minLength: 1,
  maxLength: PACKAGE_NAME_MAX_LENGTH,
  pattern: PACKAGE_GLOB_PATTERN,
  description: 'package name or glob pattern',
});

export const RepoName = Type.String({
  minLength: 1,
  maxLength: 255,
  pattern: REPO_NAME_PATTERN,
  description: 'pacman repository name',
});

export const DependencyString = Type.String({ minLength: 1, maxLength: 512, pattern: DEPENDENCY_PATTERN });

/** Lists of names in request bodies (sync `packages`, exclusions…). */
export const MAX_NAME_LIST = 10_000;
export const PackageNameList = Type.Array(PackageName, { maxItems: MAX_NAME_LIST });
export const PackageGlobList = Type.Array(PackageNameOrGlob, { maxItems: MAX_NAME_LIST });

/**
 * Limits on a state report. The largest real Arch installations carry a few thousand packages;
 * 50,000 leaves an order of magnitude of headroom while keeping one report bounded in memory and
 * storage. A report over the limit is refused with 400 VALIDATION_ERROR (or 413 when the body
 * itself exceeds `[server] max_report_size`, default STATE_BODY_LIMIT_BYTES).
 */
export const MAX_STATE_PACKAGES = 50_000;
export const MAX_DEPENDENCIES_PER_PACKAGE = 2_000;
/**
 * Default body limit for state and repository reports (`[server] max_report_size`; other routes
 * keep Fastify's 1 MiB default). A real 1,500-package state is ~400 KB.
 */
export const STATE_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

export const InstallReasonSchema = Type.Union([Type.Literal('explicit'), Type.Literal('dependency')]);

/** One installed package (core `StatePackage`). */
export const StatePackageSchema = Type.Object(
  {
    version: PackageVersion,
    repository: Type.Union([RepoName, Type.Null()]),
    size: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
    dependencies: Type.Array(DependencyString, { maxItems: MAX_DEPENDENCIES_PER_PACKAGE }),
    install_date: Type.Union([IsoTimestamp, Type.Null()]),
    reason: Type.Optional(InstallReasonSchema),
    provides: Type.Optional(Type.Array(DependencyString, { maxItems: MAX_DEPENDENCIES_PER_PACKAGE })),
    arch: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_]+$' })),
  },
  { additionalProperties: false },
);

export const RepositorySnapshotSchema = Type.Object(
  {
    name: RepoName,
    server: Type.Union([Type.String({ maxLength: 2048 }), Type.Null()]),
    db_hash: Type.Union([Type.String({ pattern: '^[0-9a-f]{64}$' }), Type.Null()]),
    db_date: Type.Union([IsoTimestamp, Type.Null()]),
  },
  { additionalProperties: false },
);

/** Build-time check: a reported package and snapshot are exactly core's (src/core/type-equality.ts). */
export type PackageSchemasAgree = [
  Assert<Equal<Static<typeof StatePackageSchema>, StatePackage>>,
  Assert<Equal<Static<typeof RepositorySnapshotSchema>, RepositorySnapshot>>,
];

/**
 * Metadata the agent sends. Totals and the content hash are recomputed by the server (it never
 * trusts them); `inconsistent`/`unsatisfied_dependencies` are server-only and not accepted here.
 */
export const StateReportMetadata = Type.Object(
  {
    total_packages: Type.Optional(Type.Integer({ minimum: 0 })),
    total_size: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
    capture_method: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    excluded_packages: Type.Optional(PackageGlobList),
    content_hash: Type.Optional(Type.String({ maxLength: 128 })),
    repositories: Type.Optional(Type.Array(RepositorySnapshotSchema, { maxItems: 256 })),
  },
  { additionalProperties: false },
);

/**
 * Body of `POST /endpoints/{id}/state`: the `state_data` object itself. Package names are the
 * record keys and must be valid pacman names (`propertyNames`), at most MAX_STATE_PACKAGES.
 */
const StatePackages = Type.Record(Type.String(), StatePackageSchema, {
  maxProperties: MAX_STATE_PACKAGES,
  propertyNames: { pattern: PACKAGE_NAME_PATTERN, maxLength: PACKAGE_NAME_MAX_LENGTH },
});

export const StateReportBody = Type.Object({ packages: StatePackages, metadata: StateReportMetadata }, { additionalProperties: false });
export type StateReportBody = Static<typeof StateReportBody>;

/** sha256 of the canonical state text (src/core/state.ts canonicalStateText), lower-case hex. */
export const CONTENT_HASH_PATTERN = '^[0-9a-f]{64}$';

/**
 * What `POST /endpoints/{id}/state` accepts: the full state (`packages` and `metadata`, as
 * StateReportBody), or — when the agent's package set has not changed since the server last
 * acknowledged it — only `{content_hash}`, the hash the server answered then. A hash that is not
 * the endpoint's current state's is refused with 409 STATE_HASH_UNKNOWN: send the full state.
 * The service checks that exactly one of the two forms was sent (a union here would make every
 * bad field's message an anonymous "must match a schema in anyOf").
 */
export const StateReportRequest = Type.Object(
  {
    packages: Type.Optional(StatePackages),
    metadata: Type.Optional(StateReportMetadata),
    content_hash: Type.Optional(
      Type.String({
        pattern: CONTENT_HASH_PATTERN,
        description: 'instead of packages and metadata: the content_hash the server answered for the unchanged state',
      }),
    ),
  },
  { additionalProperties: false },
);
export type StateReportRequest = Static<typeof StateReportRequest>;

/** One package available in a sync repository (seed `repositories.packages`). */
export const RepositoryPackageSchema = Type.Object(
  {
    version: PackageVersion,
    description: Type.Optional(Type.Union([Type.String({ maxLength: 4096 }), Type.Null()])),
    size: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
    dependencies: Type.Optional(Type.Array(DependencyString, { maxItems: MAX_DEPENDENCIES_PER_PACKAGE })),
    provides: Type.Optional(Type.Array(DependencyString, { maxItems: MAX_DEPENDENCIES_PER_PACKAGE })),
    arch: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_]+$' })),
    last_modified: Type.Optional(Type.Union([IsoTimestamp, Type.Null()])),
  },
  { additionalProperties: false },
);

/** The biggest official repository has ~15,000 packages; unofficial ones are smaller. */
export const MAX_REPOSITORY_PACKAGES = 100_000;
export const MAX_REPOSITORIES = 64;

export const RepositoryReport = Type.Object(
  {
    name: RepoName,
    url: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
    packages: Type.Optional(
      Type.Record(Type.String(), RepositoryPackageSchema, {
        maxProperties: MAX_REPOSITORY_PACKAGES,
        propertyNames: { pattern: PACKAGE_NAME_PATTERN, maxLength: PACKAGE_NAME_MAX_LENGTH },
        description:
          'every package of the sync database; may be left out when metadata.db_hash is given: the server then takes ' +
          'the packages a member of the same pool reported with that db_hash, or answers 409 REPOSITORY_HASH_UNKNOWN',
      }),
    ),
    metadata: Type.Optional(
      Type.Object(
        {
          last_sync: Type.Optional(Type.Union([IsoTimestamp, Type.Null()])),
          sync_method: Type.Optional(Type.String({ maxLength: 64 })),
          db_hash: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9a-f]{64}$' }), Type.Null()])),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** Body of `POST /endpoints/{id}/repositories`: every sync repository the endpoint has. */
export const RepositoriesReportBody = Type.Object(
  { repositories: Type.Array(RepositoryReport, { maxItems: MAX_REPOSITORIES }) },
  { additionalProperties: false },
);
export type RepositoriesReportBody = Static<typeof RepositoriesReportBody>;
