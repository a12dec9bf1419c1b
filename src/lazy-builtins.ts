// Node built-ins loaded on first use, for start-up time: node:crypto loads the
// stream modules too, node:fs/promises loads readline and the watchers, and
// most verbs never hash or write (`byok templates`).
// They come from process.getBuiltinModule (Node 20.16+, package.json
// "engines"), not from a require made by createRequire: node:module and the
// file URL it needs cost ~1 ms at every start, used or not. The CLI bundle
// (CommonJS) has `require` at hand as well.
import type * as FsPromises from 'node:fs/promises';

declare const require: ((id: string) => unknown) | undefined;

function builtin<T>(id: string): T {
  const get = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  if (typeof get === 'function') return get(id) as T;
  if (typeof require === 'function') return require(id) as T;
  throw new Error(`byok needs Node.js 20.16 or later (process.getBuiltinModule) to load ${id}`);
}

let cryptoMod: typeof import('node:crypto') | undefined;
let fspMod: typeof FsPromises | undefined;

export function crypto(): typeof import('node:crypto') {
  return (cryptoMod ??= builtin<typeof import('node:crypto')>('node:crypto'));
}

export function fsPromises(): typeof FsPromises {
  return (fspMod ??= builtin<typeof FsPromises>('node:fs/promises'));
}

let v8Mod: typeof import('node:v8') | undefined;

export function v8(): typeof import('node:v8') {
  return (v8Mod ??= builtin<typeof import('node:v8')>('node:v8'));
}
