// node:crypto, loaded on first use: requiring it loads the stream modules too
// (~5 ms of a ~110 ms process), and most verbs never hash (`byok templates`).
import { createRequire } from 'node:module';

let mod: typeof import('node:crypto') | undefined;

export function crypto(): typeof import('node:crypto') {
  return (mod ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto'));
}
