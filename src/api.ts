// STUB
import { fail, type ParseExampleResult, type InspectResult } from './result.js';
export function parseExampleBytes(_b: Buffer): ParseExampleResult { return fail('no_request_found', 'not implemented'); }
export function inspectBytes(_b: Buffer): InspectResult { return fail('no_request_found', 'not implemented'); }
