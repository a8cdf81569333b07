export { applyChanges, checkLesson, filesOpenFor, lessonVariants, runSetupFor } from './check-lesson.ts';
export { isJobReport } from './expectations.ts';
export { loadLesson, loadWorkshop } from './load-workshop.ts';
export type { LoadedWorkshop } from './load-workshop.ts';
export { checkSchema, expectationSchema, frontMatterSchema, workshopSchema } from './schema.ts';
export type { CheckJson, Expectation, FrontMatter, WorkshopJson } from './schema.ts';
export type * from './types.ts';
