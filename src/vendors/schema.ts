// STUB: the curated vendor template schema (issue 4 replaces this).
import { z } from 'zod';

export const VendorFile = z.object({ vendor: z.string() }).passthrough();
export type VendorFile = z.input<typeof VendorFile>;
