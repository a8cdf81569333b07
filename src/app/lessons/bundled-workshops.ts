import type { Workshop } from '../../workshops/types.ts';

// Lesson content is data in workshops/ (validated in CI by `zvm lessons`), bundled as text into a lazy chunk.
const sources = import.meta.glob('/workshops/*/**/*', { query: '?raw', import: 'default' }) as Record<
  string,
  () => Promise<string>
>;

let loading: Promise<Workshop[]> | null = null;

/** Every workshop shipped with the app, loaded once. */
export function bundledWorkshops(): Promise<Workshop[]> {
  loading ??= load();
  return loading;
}

async function load(): Promise<Workshop[]> {
  // The loader (YAML front matter, schemas) comes with the lessons, not with the app's first screen.
  const { loadWorkshop } = await import('../../workshops/load-workshop.ts');
  const encoder = new TextEncoder();
  const byWorkshop = new Map<string, Record<string, Uint8Array>>();
  await Promise.all(
    Object.entries(sources).map(async ([path, read]) => {
      const [, , workshop, ...rest] = path.split('/');
      if (!workshop || rest.length === 0) return;
      const text = await read();
      const files = byWorkshop.get(workshop) ?? {};
      files[rest.join('/')] = encoder.encode(text);
      byWorkshop.set(workshop, files);
    }),
  );
  const out: Workshop[] = [];
  for (const [id, files] of byWorkshop) {
    if (!files['workshop.json']) continue;
    const loaded = loadWorkshop(id, files);
    if (loaded.ok) out.push(loaded.workshop);
    else console.error(`workshop ${id} could not be loaded:\n${loaded.errors.join('\n')}`);
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}
