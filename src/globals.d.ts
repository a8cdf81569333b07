/** Size in bytes of CPython's python.wasm, fixed at build time (progress bars count decoded bytes). */
declare const __PYTHON_WASM_BYTES__: number;
