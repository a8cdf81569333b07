import { buildFixtures } from '../src/engine/test-support/build-fixtures.ts';

/** The e2e tests upload prebuilt wasm fixtures; build them (cached) before the browser starts. */
export default async function globalSetup(): Promise<void> {
  await buildFixtures();
}
