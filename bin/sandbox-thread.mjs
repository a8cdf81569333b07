// Worker-thread entry for the CLI: loads the TypeScript engine through tsx, then runs one sandbox.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/sandbox-thread.ts');
