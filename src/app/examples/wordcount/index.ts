import dataText from './data.txt?raw';
import source from './wordcount.c?raw';
import wasm from './wordcount.c?wasm-base64';
import manifestText from './wordcount.manifest?raw';
import nvramText from './wordcount.nvram?raw';
import { fromBase64 } from '../../default-project/index.ts';
import type { ProjectSnapshot } from '../../default-project/index.ts';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Word count: an input channel from a project file, an output channel to out.txt, nvram args and clock. */
export function wordcountProject(): ProjectSnapshot {
  return {
    files: {
      'wordcount.c': encode(source),
      'wordcount.wasm': fromBase64(wasm),
      'wordcount.manifest': encode(manifestText),
      'wordcount.nvram': encode(nvramText),
      'data.txt': encode(dataText),
    },
    folders: [],
    openFiles: ['wordcount.manifest', 'wordcount.c', 'data.txt'],
    stdin: '',
  };
}
