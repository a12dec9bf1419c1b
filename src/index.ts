// The public library surface of byok, listed by name; everything else is
// private. Every function resolves to a plain JSON object with snake_case keys:
// `{ ok: true, ... }` or `{ ok: false, error, code }` (DESIGN.md).
export { parseExample, inspect, parseExampleBytes, inspectBytes, type ParseOptions } from './api.js';
export { templates, listVendorModels, addTemplate, add, listModels, get, remove, type Options } from './registry/index.js';
export { probe, type ProbeOptions, type ProbeResult } from './vendors/probe.js';
export { type CatalogModel, type DiscoveryOptions } from './vendors/discovery.js';
export { ERROR_CODES, type ErrorCode, type Failure } from './failure.js';
export { Draft, ParseExampleOk, InspectOk, Auth, Wire } from './result.js';
export type { ParseExampleResult, InspectResult } from './result.js';
export type { HttpCall, Word, Part, Value, FrontEndResult } from './call/model.js';
