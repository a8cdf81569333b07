/** A C file compiled to wasm32-wasi at build time (see scripts/vite-plugin-c-wasm.ts), as base64. */
declare module '*.c?wasm-base64' {
  const base64: string;
  export default base64;
}
