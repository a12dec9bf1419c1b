// Array helpers for hostile-sized input.

/** `dst.push(...src)` without the spread, which overflows the stack on a long array (~100,000 items). */
export function pushAll<T>(dst: T[], src: readonly T[]): void {
  // An index loop: no iterator objects before the JIT optimises this (it runs on every parse).
  for (let i = 0; i < src.length; i++) dst.push(src[i]);
}
