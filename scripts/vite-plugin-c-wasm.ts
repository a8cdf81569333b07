import type { Plugin } from 'vite';
import { compileCToWasm } from './c-to-wasm.ts';

const SUFFIX = '?wasm-base64';

/**
 * `import wasm from './prog.c?wasm-base64'` gives the program compiled to wasm32-wasi, as base64:
 * example projects ship their source and a binary built from it, never an opaque committed blob.
 */
export function cWasmPlugin(): Plugin {
  return {
    name: 'zerovm-c-wasm',
    enforce: 'pre',
    async load(id) {
      if (!id.endsWith(`.c${SUFFIX}`)) return null;
      const path = id.slice(0, -SUFFIX.length);
      this.addWatchFile(path);
      const wasm = await compileCToWasm(path);
      return `export default ${JSON.stringify(Buffer.from(wasm).toString('base64'))};`;
    },
  };
}
