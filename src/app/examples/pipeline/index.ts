import poem from './poem.txt?raw';
import producerSource from './producer.c?raw';
import producerWasm from './producer.c?wasm-base64';
import upperSource from './upper.c?raw';
import upperWasm from './upper.c?wasm-base64';
import pipelineJob from './pipeline.job.json?raw';
import { fromBase64 } from '../../default-project/index.ts';
import type { ProjectSnapshot } from '../../default-project/index.ts';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A two-stage pipeline (ZeroCloud job): a producer numbers lines and sends them to an uppercaser. */
export function pipelineProject(): ProjectSnapshot {
  return {
    files: {
      'pipeline.job.json': encode(pipelineJob),
      'producer.c': encode(producerSource),
      'producer.wasm': fromBase64(producerWasm),
      'upper.c': encode(upperSource),
      'upper.wasm': fromBase64(upperWasm),
      'poem.txt': encode(poem),
    },
    folders: ['out'],
    openFiles: ['pipeline.job.json', 'producer.c', 'upper.c'],
    stdin: '',
  };
}
