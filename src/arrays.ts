// Array helpers for hostile-sized input.

/** `dst.push(...src)` without the spread, which overflows the stack on a long array (~100,000 items). */
export function pushAll<T>(dst: T[], src: readonly T[]): void {
  for (const x of src) dst.push(x);
}
