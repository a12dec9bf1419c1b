// Secrets, the lowest layer: key shapes, classification of credential values,
// scanning text for keys, and scrubbing them from outputs. extract/, registry/,
// vendors/ and the CLI import from here; this module imports only generated data.
export * from './shapes.js';
export * from './classify.js';
export * from './scan.js';
export * from './scrub.js';
export * from './boundary.js';
