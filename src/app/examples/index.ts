import { defaultProject } from '../default-project/index.ts';
import type { ProjectSnapshot } from '../default-project/index.ts';
import { mapreduceProject } from './mapreduce/index.ts';
import { pipelineProject } from './pipeline/index.ts';
import { wordcountProject } from './wordcount/index.ts';

/** A project the user can open from the toolbar. */
export interface Example {
  id: string;
  title: string;
  load(): ProjectSnapshot;
}

/** The examples, in menu order; the first is what a newcomer sees. */
export const EXAMPLES: readonly Example[] = [
  { id: 'hello', title: 'Hello, sandbox (stdin → stdout)', load: defaultProject },
  { id: 'wordcount', title: 'Word count (file channels, nvram)', load: wordcountProject },
  { id: 'mapreduce', title: 'MapReduce word count (ZeroCloud job)', load: mapreduceProject },
  { id: 'pipeline', title: 'Two-stage pipeline (ZeroCloud job)', load: pipelineProject },
];
