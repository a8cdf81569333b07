import greetSource from './greet.c?raw';
import greetWasm from './greet.c?wasm-base64';
import manifestText from './hello.manifest?raw';

/** A project as the store holds it. */
export interface ProjectSnapshot {
  files: Record<string, Uint8Array>;
  folders: string[];
  openFiles: string[];
  stdin: string;
}

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Decodes base64 (how build-time compiled examples arrive). */
export function fromBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** What a newcomer sees first: a program that greets its stdin, its source, and its manifest. */
export function defaultProject(): ProjectSnapshot {
  return {
    files: {
      'greet.c': encode(greetSource),
      'greet.wasm': fromBase64(greetWasm),
      'hello.manifest': encode(manifestText),
    },
    folders: [],
    openFiles: ['hello.manifest', 'greet.c'],
    stdin: 'ZeroVM\n',
  };
}
