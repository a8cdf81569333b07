/** Parses the wasmtime-style `--dir HOST::GUEST --env K=V PROGRAM ARGS...` that the conformance adapters take. */
export function parseAdapterArgs(argv) {
  const dirs = [];
  const env = {};
  let i = 0;
  for (; i < argv.length; i++) {
    if (argv[i] === '--dir') {
      const [host, guest] = argv[++i].split('::');
      dirs.push({ host, guest: guest ?? host });
    } else if (argv[i] === '--env') {
      const [k, ...v] = argv[++i].split('=');
      env[k] = v.join('=');
    } else break;
  }
  return { dirs, env, program: argv[i], args: argv.slice(i + 1) };
}
