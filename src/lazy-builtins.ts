// Node built-ins loaded on first use, for start-up time: node:crypto loads the
// stream modules too, node:fs/promises loads readline and the watchers, and
// most verbs never hash or write (`byok templates`).
import { createRequire } from 'node:module';
import type * as FsPromises from 'node:fs/promises';

const require = createRequire(import.meta.url);
let cryptoMod: typeof import('node:crypto') | undefined;
let fspMod: typeof FsPromises | undefined;

export function crypto(): typeof import('node:crypto') {
  return (cryptoMod ??= require('node:crypto') as typeof import('node:crypto'));
}

export function fsPromises(): typeof FsPromises {
  return (fspMod ??= require('node:fs/promises') as typeof FsPromises);
}

let v8Mod: typeof import('node:v8') | undefined;

export function v8(): typeof import('node:v8') {
  return (v8Mod ??= require('node:v8') as typeof import('node:v8'));
}
