import { describe, expect, it } from 'vitest';
import { binarySummary, decodeUtf8, hexPreview, isBinaryPath, textOf } from './file-bytes.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('textOf', () => {
  it('decodes UTF-8 text, including an empty file', () => {
    expect(textOf('main.c', utf8('int main(void) { return 0; } // é'))).toBe(
      'int main(void) { return 0; } // é',
    );
    expect(textOf('empty.txt', new Uint8Array())).toBe('');
  });

  it('refuses NUL bytes, invalid UTF-8 and binary extensions', () => {
    expect(textOf('a.txt', new Uint8Array([0x61, 0x00, 0x62]))).toBeNull();
    expect(textOf('a.txt', new Uint8Array([0xc3, 0x28]))).toBeNull();
    expect(textOf('prog.wasm', utf8('looks like text'))).toBeNull();
    expect(textOf('dir/ROOT.TAR', utf8('x'))).toBeNull();
  });

  it('decodes views of a SharedArrayBuffer', () => {
    const shared = new Uint8Array(new SharedArrayBuffer(3));
    shared.set([0x68, 0x69, 0x21]);
    expect(decodeUtf8(shared)).toBe('hi!');
  });

  it('only looks at the file name for the extension', () => {
    expect(isBinaryPath('x.wasm/readme')).toBe(false);
    expect(isBinaryPath('a.out.wasm')).toBe(true);
  });
});

describe('binary panel text', () => {
  it('summarises the size', () => {
    expect(binarySummary(new Uint8Array(1234))).toBe('Binary file, 1234 bytes');
    expect(binarySummary(new Uint8Array(1))).toBe('Binary file, 1 byte');
  });

  it('dumps at most 256 bytes, 16 to a row', () => {
    const wasm = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    expect(hexPreview(wasm)).toBe(`00000000  00 61 73 6d 01 00 00 00${' '.repeat(24)}  |.asm....|`);
    const big = hexPreview(new Uint8Array(1000)).split('\n');
    expect(big).toHaveLength(16);
    expect(big.at(-1)?.startsWith('000000f0  00')).toBe(true);
    expect(hexPreview(new Uint8Array())).toBe('');
  });
});
