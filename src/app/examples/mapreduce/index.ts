import a from './data/a.txt?raw';
import b from './data/b.txt?raw';
import c from './data/c.txt?raw';
import d from './data/d.txt?raw';
import mapperSource from './mapper.c?raw';
import mapperWasm from './mapper.c?wasm-base64';
import mapperPython from './mapper.py?raw';
import reducerSource from './reducer.c?raw';
import reducerWasm from './reducer.c?wasm-base64';
import wordcountJob from './wordcount.job.json?raw';
import wordcountPythonJob from './wordcount-py.job.json?raw';
import { fromBase64 } from '../../default-project/index.ts';
import type { ProjectSnapshot } from '../../default-project/index.ts';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** MapReduce word count (ZeroCloud job): one mapper per data file, in C or Python, wired to a C reducer. */
export function mapreduceProject(): ProjectSnapshot {
  return {
    files: {
      'wordcount.job.json': encode(wordcountJob),
      'wordcount-py.job.json': encode(wordcountPythonJob),
      'mapper.c': encode(mapperSource),
      'mapper.wasm': fromBase64(mapperWasm),
      'mapper.py': encode(mapperPython),
      'reducer.c': encode(reducerSource),
      'reducer.wasm': fromBase64(reducerWasm),
      'data/a.txt': encode(a),
      'data/b.txt': encode(b),
      'data/c.txt': encode(c),
      'data/d.txt': encode(d),
    },
    folders: ['data'],
    openFiles: ['wordcount.job.json', 'mapper.c', 'reducer.c'],
    stdin: '',
  };
}
