import type { CheckContext } from '../workshops/expectations.ts';
import type { Expectation } from '../workshops/schema.ts';
import type { CheckLine } from '../workshops/types.ts';

/** Page -> check worker: the requirements and what they look at. */
export interface CheckRequest {
  expect: Expectation[];
  context: CheckContext;
}

/** Check worker -> page: one line per requirement. */
export interface CheckResponse {
  lines: CheckLine[];
}
