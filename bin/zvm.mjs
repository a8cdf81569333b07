#!/usr/bin/env node
// zvm: the ZeroVM Playground engine as a command-line tool (see README "CLI").
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
