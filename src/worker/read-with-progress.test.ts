import { describe, expect, it } from 'vitest';
import { readWithProgress } from './read-with-progress.ts';

function streamed(chunks: number[][]): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(new Uint8Array(c));
      controller.close();
    },
  });
  return new Response(body);
}

describe('readWithProgress', () => {
  it('reads every chunk and reports decoded bytes against the expected size', async () => {
    const seen: Array<[number, number]> = [];
    const bytes = await readWithProgress(streamed([[1, 2], [3], [4, 5, 6]]), 6, (d, t) => seen.push([d, t]));
    expect([...bytes]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seen).toEqual([
      [0, 6],
      [2, 6],
      [3, 6],
      [6, 6],
    ]);
  });

  it('grows past a wrong expected size and trims a short body', async () => {
    expect([...(await readWithProgress(streamed([[1, 2, 3], [4]]), 2, () => {}))]).toEqual([1, 2, 3, 4]);
    expect([...(await readWithProgress(streamed([[9]]), 100, () => {}))]).toEqual([9]);
  });
});
