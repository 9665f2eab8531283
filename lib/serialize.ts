/**
 * What a value looks like after JSON: dates become ISO strings, functions and undefined
 * properties disappear. Server pages hand client components `Serialized<Awaited<ReturnType<
 * typeof someUseCase>>>`, so the client's type is derived from what the use-case returns and a
 * change there fails to compile here instead of failing in the browser.
 */
export type Serialized<T> = T extends Date
  ? string
  : T extends string | number | boolean | null
    ? T
    : T extends undefined | ((...args: never[]) => unknown) | symbol
      ? never
      : T extends readonly (infer U)[]
        ? Serialized<U>[]
        : T extends object
          ? {
              [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: Serialized<
                T[K]
              >;
            }
          : never;

/** The JSON round trip, typed: for passing server data to client components. */
export function serialize<T>(value: T): Serialized<T> {
  return JSON.parse(JSON.stringify(value)) as Serialized<T>;
}
