/// <reference lib="webworker" />
import { judgeHere } from '../workshops/check-lesson.ts';
import type { CheckRequest, CheckResponse } from './check-protocol.ts';

// Judges one lesson check off the page's thread; the page terminates this worker if it takes too long.
const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = async (event: MessageEvent<CheckRequest>) => {
  const { expect, context } = event.data;
  const response: CheckResponse = { lines: await judgeHere(expect, context) };
  scope.postMessage(response);
};
