import { checkCommand, execCommand, runCommand, SANDBOX_FAILURE } from './commands.ts';
import { compileCommand } from './compile-command.ts';
import { guardProcessOutput } from './host-stdio.ts';
import { jobCommand } from './job-command.ts';
import { lessonsCommand } from './lessons-command.ts';
import { UsageError } from './parse-flags.ts';

const USAGE = `zvm: ZeroVM-style sandboxes for wasm32-wasi programs

  zvm run MANIFEST [--workdir DIR] [--report FILE|-] [--trace FILE] [--no-determinism]
  zvm exec [--dir HOST[::GUEST]]... [--env K=V]... [--timeout S] [--memory BYTES]
           [--report FILE|-] [--trace FILE] [--no-determinism] [--show-manifest]
           PROGRAM.wasm|SCRIPT.py [ARGS...]
  zvm job SYSTEM_MAP.json [--workdir DIR] [--report FILE|-] [--jobs N] [--timeout S] [--no-determinism]
  zvm compile SRC.(c|cc|cpp|wat)... [-o OUT.wasm] [-O0|-O2] [-- EXTRA_CLANG_FLAGS]
  zvm check MANIFEST|JOB
  zvm lessons [DIR]                 every lesson's solution passes its check, its start fails it

The guest's exit code is zvm's; sandbox failures (refused, timeout, memory, crash) exit 125.
A .py script runs on the built-in Python 3.12 (Program = runtime:python in a manifest).
zvm compile exits 1 when the sources do not compile.`;

/** Runs one zvm command line; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  guardProcessOutput();
  try {
    switch (command) {
      case 'run':
        return await runCommand(rest);
      case 'exec':
        return await execCommand(rest);
      case 'check':
        return checkCommand(rest);
      case 'job':
        return await jobCommand(rest);
      case 'compile':
        return await compileCommand(rest);
      case 'lessons':
        return await lessonsCommand(rest);
      case undefined:
        process.stderr.write(USAGE + '\n');
        return 2;
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(USAGE + '\n');
        return 0;
      default:
        process.stderr.write(`zvm: unknown command "${command}"\n\n${USAGE}\n`);
        return 2;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`zvm ${command}: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(
      `zvm: internal error: ${error instanceof Error ? (error.stack ?? error.message) : error}\n`,
    );
    return SANDBOX_FAILURE;
  }
}
