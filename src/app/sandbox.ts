import { SandboxClient } from '../worker/sandbox-client.ts';

let shared: SandboxClient | undefined;

/** The page's one sandbox client: it keeps a warm worker, so a run starts in milliseconds. */
export const sandboxClient = (): SandboxClient => (shared ??= new SandboxClient());
