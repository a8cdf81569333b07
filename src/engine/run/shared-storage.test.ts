import { describe, expect, it } from 'vitest';
import { SharedGrowableBytes, SharedStorageReader, sharedLengthsBytes } from './shared-storage.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

/** A writer and a reader over the same shared lengths, with `grow` messages held until delivered. */
function pair() {
  const lengths = new Float64Array(new SharedArrayBuffer(sharedLengthsBytes(1)));
  const inbox: SharedArrayBuffer[] = [];
  const writer = new SharedGrowableBytes(0, lengths, (_, buffer) => inbox.push(buffer));
  const reader = new SharedStorageReader(lengths);
  const deliver = () => {
    for (const buffer of inbox.splice(0)) reader.grew(0, buffer);
  };
  return { writer, reader, deliver };
}

describe('shared channel storage', () => {
  it('announces a bigger buffer only with the old bytes already in it', () => {
    const { writer, reader, deliver } = pair();
    writer.write(0, bytes('first line\n'));
    writer.write(11, bytes('x'.repeat(100)));
    deliver();
    expect(text(reader.read(0))).toBe(`first line\n${'x'.repeat(100)}`);
  });

  it('never hands out bytes past what the buffer it holds is known to contain', () => {
    const { writer, reader, deliver } = pair();
    writer.write(0, bytes('a'.repeat(10)));
    deliver();
    expect(reader.length(0)).toBe(10);
    // The writer grows into a new buffer the reader has not heard of yet: no zeros from the old one.
    writer.write(10, bytes('b'.repeat(200)));
    expect(reader.length(0)).toBe(10);
    expect(text(reader.read(0))).toBe('a'.repeat(10));
    deliver();
    expect(text(reader.read(0, 10))).toBe('b'.repeat(200));
  });

  it('keeps the newest buffer when messages arrive together', () => {
    const { writer, reader, deliver } = pair();
    for (let i = 0; i < 5; i++) writer.write(writer.length, bytes(`${i}`.repeat(100)));
    deliver();
    expect(reader.length(0)).toBe(500);
    expect(text(reader.read(0, 400))).toBe('4'.repeat(100));
  });

  it('reads up to the length the caller recorded, so bytes written in between are not sent twice', () => {
    const { writer, reader, deliver } = pair();
    writer.write(0, bytes('a'.repeat(64)));
    deliver();
    const sent = reader.length(0);
    // The writer goes on between the reader's length() and read() (another thread, in a real run).
    writer.write(64, bytes('b'.repeat(32)));
    deliver();
    const first = reader.read(0, 0, sent);
    const next = reader.length(0);
    const second = reader.read(0, sent, next);
    expect(text(first) + text(second)).toBe('a'.repeat(64) + 'b'.repeat(32));
  });
});
