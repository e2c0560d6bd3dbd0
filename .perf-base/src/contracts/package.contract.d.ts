import { type Static } from '@sinclair/typebox';
/** pacman package name: lowercase alphanumerics and `@._+-`, not starting with `-` or `.`. */
export declare const PACKAGE_NAME_PATTERN = "^[a-z0-9@_+][a-z0-9@._+-]*$";
export declare const PACKAGE_NAME_MAX_LENGTH = 255;
export declare const PACKAGE_VERSION_PATTERN = "^(?:[0-9]+:)?[!-,.0-9;?-~]+-[0-9]+(?:\\.[0-9]+)?$";
export declare const PACKAGE_VERSION_MAX_LENGTH = 255;
/**
 * Exact name or fnmatch glob (`linux*`, `python-?`, `lib[0-9]*`), core validateExclusionPattern's
 * characters; services additionally check that brackets pair up.
 */
export declare const PACKAGE_GLOB_PATTERN = "^[a-z0-9@_+*?\\[\\]^][a-z0-9@._+*?\\[\\]!^-]*$";
/** Repository name (pacman.conf section): letters, digits, `@._+-`, not starting `-`/`.`, not `local`/`options`. */
export declare const REPO_NAME_PATTERN = "^(?!(?:local|options)$)[A-Za-z0-9@_+][A-Za-z0-9@._+-]*$";
/**
 * Dependency or provision string as pacman writes it: `name`, `name>=1.0`, `libGL.so=1-64`,
 * `so:libc.so`. Names are looser than package names (upper case, `:`; core
 * validateDependencyName); the version after an operator may omit the pkgrel.
 */
export declare const DEPENDENCY_PATTERN = "^[A-Za-z0-9@_+:][A-Za-z0-9@._+:-]*(?:(?:<|<=|=|>=|>)(?:[0-9]+:)?[!-,.0-9;?-~]+(?:-[0-9]+(?:\\.[0-9]+)?)?)?$";
export declare const PackageName: import("@sinclair/typebox").TString;
export declare const PackageVersion: import("@sinclair/typebox").TString;
export declare const PackageNameOrGlob: import("@sinclair/typebox").TString;
export declare const RepoName: import("@sinclair/typebox").TString;
export declare const DependencyString: import("@sinclair/typebox").TString;
/** Lists of names in request bodies (sync `packages`, exclusions…). */
export declare const MAX_NAME_LIST = 10000;
export declare const PackageNameList: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
export declare const PackageGlobList: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
/**
 * Limits on a state report. The largest real Arch installations carry a few thousand packages;
 * 50,000 leaves an order of magnitude of headroom while keeping one report bounded in memory and
 * storage. A report over the limit is refused with 400 VALIDATION_ERROR (or 413 when the body
 * itself exceeds STATE_BODY_LIMIT_BYTES).
 */
export declare const MAX_STATE_PACKAGES = 50000;
export declare const MAX_DEPENDENCIES_PER_PACKAGE = 2000;
/** Body limit for state and repository reports (other routes keep Fastify's 1 MiB default). */
export declare const STATE_BODY_LIMIT_BYTES: number;
export declare const InstallReasonSchema: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"explicit">, import("@sinclair/typebox").TLiteral<"dependency">]>;
/** One installed package (core `StatePackage`). */
export declare const StatePackageSchema: import("@sinclair/typebox").TObject<{
    version: import("@sinclair/typebox").TString;
    repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    size: import("@sinclair/typebox").TInteger;
    dependencies: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
    install_date: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    reason: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"explicit">, import("@sinclair/typebox").TLiteral<"dependency">]>>;
    provides: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
    arch: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
}>;
export declare const RepositorySnapshotSchema: import("@sinclair/typebox").TObject<{
    name: import("@sinclair/typebox").TString;
    server: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    db_hash: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    db_date: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
}>;
/**
 * Metadata the agent sends. Totals and the content hash are recomputed by the server (it never
 * trusts them); `inconsistent`/`unsatisfied_dependencies` are server-only and not accepted here.
 */
export declare const StateReportMetadata: import("@sinclair/typebox").TObject<{
    total_packages: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
    total_size: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
    capture_method: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    excluded_packages: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
    content_hash: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    repositories: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        name: import("@sinclair/typebox").TString;
        server: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        db_hash: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        db_date: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    }>>>;
}>;
/**
 * Body of `POST /endpoints/{id}/state`: the `state_data` object itself. Package names are the
 * record keys and must be valid pacman names (`propertyNames`), at most MAX_STATE_PACKAGES.
 */
export declare const StateReportBody: import("@sinclair/typebox").TObject<{
    packages: import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TObject<{
        version: import("@sinclair/typebox").TString;
        repository: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        size: import("@sinclair/typebox").TInteger;
        dependencies: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>;
        install_date: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        reason: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TLiteral<"explicit">, import("@sinclair/typebox").TLiteral<"dependency">]>>;
        provides: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
        arch: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    }>>;
    metadata: import("@sinclair/typebox").TObject<{
        total_packages: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
        total_size: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
        capture_method: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
        excluded_packages: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
        content_hash: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
        repositories: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
            name: import("@sinclair/typebox").TString;
            server: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            db_hash: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
            db_date: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        }>>>;
    }>;
}>;
export type StateReportBody = Static<typeof StateReportBody>;
/** One package available in a sync repository (seed `repositories.packages`). */
export declare const RepositoryPackageSchema: import("@sinclair/typebox").TObject<{
    version: import("@sinclair/typebox").TString;
    description: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>>;
    size: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
    dependencies: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
    provides: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
    arch: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
    last_modified: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>>;
}>;
/** The biggest official repository has ~15,000 packages; unofficial ones are smaller. */
export declare const MAX_REPOSITORY_PACKAGES = 100000;
export declare const MAX_REPOSITORIES = 64;
export declare const RepositoryReport: import("@sinclair/typebox").TObject<{
    name: import("@sinclair/typebox").TString;
    url: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
    packages: import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TObject<{
        version: import("@sinclair/typebox").TString;
        description: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>>;
        size: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
        dependencies: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
        provides: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
        arch: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
        last_modified: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>>;
    }>>;
    metadata: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TObject<{
        last_sync: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>>;
        sync_method: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
        db_hash: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>>;
    }>>;
}>;
/** Body of `POST /endpoints/{id}/repositories`: every sync repository the endpoint has. */
export declare const RepositoriesReportBody: import("@sinclair/typebox").TObject<{
    repositories: import("@sinclair/typebox").TArray<import("@sinclair/typebox").TObject<{
        name: import("@sinclair/typebox").TString;
        url: import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>;
        packages: import("@sinclair/typebox").TRecord<import("@sinclair/typebox").TString, import("@sinclair/typebox").TObject<{
            version: import("@sinclair/typebox").TString;
            description: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>>;
            size: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TInteger>;
            dependencies: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
            provides: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TArray<import("@sinclair/typebox").TString>>;
            arch: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
            last_modified: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>>;
        }>>;
        metadata: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TObject<{
            last_sync: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>>;
            sync_method: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TString>;
            db_hash: import("@sinclair/typebox").TOptional<import("@sinclair/typebox").TUnion<[import("@sinclair/typebox").TString, import("@sinclair/typebox").TNull]>>;
        }>>;
    }>>;
}>;
export type RepositoriesReportBody = Static<typeof RepositoriesReportBody>;
