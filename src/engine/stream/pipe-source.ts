import { BytePipe } from './byte-pipe.ts';
import type { WaitListener } from './byte-pipe.ts';
import type { ChannelSource } from './stdio-streams.ts';

/**
 * The guest's stdin read from a pipe the host feeds (typed lines, the host's stdin). With `scratch`, reads
 * return views of it (valid until the next read; the channel copies them into the guest at once), so a long
 * stream does not leave one garbage array per read behind.
 */
export function pipeSource(
  buffer: SharedArrayBuffer,
  waits?: WaitListener,
  scratch?: Uint8Array,
): ChannelSource {
  const pipe = new BytePipe(buffer);
  return {
    read: (max) => pipe.read(max, waits, scratch),
    peek: () => ({ bytes: pipe.available(), ended: pipe.ended() }),
    waitReadable: () => {
      // A read of nothing would not block, so wait by reading: but keep the bytes for the real read.
      if (pipe.available() > 0 || pipe.ended()) return;
      pipe.waitForData(waits);
    },
  };
}
