// Input limits shared by the CLI and the library.

/** Inputs over this many bytes are refused with `input_too_large`. */
export const MAX_INPUT_BYTES = 256 * 1024;
