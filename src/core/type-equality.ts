// Compile-time agreement between types that must not drift apart: a core type and the TypeBox
// contract that carries it over HTTP. A check is a type alias that only compiles when its
// argument is `true`, written beside the contract:
//
//   export type StatePackageAgrees = Assert<Agrees<StatePackage, Static<typeof StatePackageSchema>>>;
//
// so changing one side alone (a field added, dropped, renamed or retyped) fails `tsc`, not a
// request in production. Types only: nothing here exists at run time.

/** Exactly the same type (mutual assignability is not enough: `any` and optionality count). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when `T` is `true`. */
export type Assert<T extends true> = T;

type Present<T> = Exclude<T, null | undefined>;
type AllTrue<T> = false extends T[keyof T] ? false : true;

/** The same field names at every depth (arrays by their elements, records by their values). */
type SameFields<A, B> = [Present<A>] extends [readonly (infer EA)[]]
  ? [Present<B>] extends [readonly (infer EB)[]]
    ? SameFields<EA, EB>
    : false
  : [Present<A>] extends [object]
    ? [Present<B>] extends [object]
      ? Equal<keyof Present<A>, keyof Present<B>> extends true
        ? AllTrue<{ [K in keyof Present<A>]-?: SameFields<Present<A>[K], Present<B>[K & keyof Present<B>]> }>
        : false
      : false
    : true;

/**
 * A core type and its contract agree: every core value is a valid contract value, and both name
 * the same fields at every depth. The contract may be wider in a field's values (a string where
 * the core has a union of literals: the contract documents it, the core decides it).
 */
export type Agrees<Core, Contract> = [Core] extends [Contract] ? SameFields<Core, Contract> : false;
