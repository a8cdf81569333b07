import { defaultProject } from '../default-project/index.ts';
import type { ProjectSnapshot } from '../default-project/index.ts';

/** A project the user can open from the toolbar. */
export interface Example {
  id: string;
  title: string;
  /** The project's files; all but the first example are fetched when opened (they carry built modules). */
  load(): Promise<ProjectSnapshot>;
}

/** The examples, in menu order; the first is what a newcomer sees. */
export const EXAMPLES: readonly Example[] = [
  { id: 'hello', title: 'Hello, sandbox (stdin → stdout)', load: async () => defaultProject() },
  {
    id: 'wordcount',
    title: 'Word count (file channels, nvram)',
    load: async () => (await import('./wordcount/index.ts')).wordcountProject(),
  },
  {
    id: 'mapreduce',
    title: 'MapReduce word count (ZeroCloud job)',
    load: async () => (await import('./mapreduce/index.ts')).mapreduceProject(),
  },
  {
    id: 'pipeline',
    title: 'Two-stage pipeline (ZeroCloud job)',
    load: async () => (await import('./pipeline/index.ts')).pipelineProject(),
  },
];
