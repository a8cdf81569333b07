import { describe, expect, it } from 'vitest';
import { GrowableBytes } from './growable-bytes.ts';

describe('GrowableBytes', () => {
  it('appends, overwrites, zero-fills gaps and resizes', () => {
    const bytes = new GrowableBytes(new Uint8Array([1, 2, 3]));
    bytes.write(3, new Uint8Array([4]));
    bytes.write(0, new Uint8Array([9]));
    bytes.write(6, new Uint8Array([7]));
    expect([...bytes.view()]).toEqual([9, 2, 3, 4, 0, 0, 7]);
    bytes.resize(2);
    expect([...bytes.view()]).toEqual([9, 2]);
    bytes.resize(4);
    expect([...bytes.view()]).toEqual([9, 2, 0, 0]);
    expect([...bytes.read(1, 10)]).toEqual([2, 0, 0]);
    expect(bytes.read(10, 1).length).toBe(0);
  });

  it('keeps many small appends linear by doubling its capacity', () => {
    const bytes = new GrowableBytes();
    const one = new Uint8Array([65]);
    for (let i = 0; i < 100_000; i++) bytes.write(i, one);
    expect(bytes.length).toBe(100_000);
    expect(bytes.view().every((b) => b === 65)).toBe(true);
  });
});
