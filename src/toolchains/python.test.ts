import { describe, expect, it } from 'vitest';
import { text } from '../engine/test-support/sandbox-run.ts';
import { PYTHON_RUNTIME, PYTHON_VERSION, pythonArgs, runtimeOf } from './python.ts';
import { runPython } from './test-support/run-module.ts';

describe('runtimeOf', () => {
  it("accepts runtime:python and ZeroCloud's file://python:python", () => {
    expect(runtimeOf(PYTHON_RUNTIME)).toBe('python');
    expect(runtimeOf('file://python:python')).toBe('python');
    expect(runtimeOf('file://python3:python3')).toBe('python');
    expect(runtimeOf('file://python3.12:python')).toBe('python');
    expect(runtimeOf(' runtime:python ')).toBe('python');
  });

  it('leaves modules and other runtimes alone', () => {
    for (const program of [
      'hello.wasm',
      'python',
      'runtime:ruby',
      'file://python2.7:python',
      'file://python:bash',
    ])
      expect([program, runtimeOf(program)]).toEqual([program, undefined]);
  });
});

describe('the Python runtime in the sandbox', () => {
  it('builds argv with the script first', () => {
    expect(pythonArgs('/app/main.py', ['a', 'b c'])).toEqual(['python', '/app/main.py', 'a', 'b c']);
    expect(pythonArgs('/main.py')).toEqual(['python', '/main.py']);
  });

  it(
    'runs a script that reads /dev/input (a manifest channel to a file) and prints it',
    { timeout: 60_000 },
    () => {
      const script = [
        'import sys',
        'with open("/dev/input") as f:',
        '    data = f.read()',
        'print(f"read {len(data)} chars: {data.strip()}")',
        'print(sys.version.split()[0], sys.argv[1:], file=sys.stderr)',
        '',
      ].join('\n');
      const report = runPython(script, {
        args: ['one', 'two'],
        channels: ['Channel = data.txt, /dev/input, 0, 0, 100, 100000, 0, 0'],
        files: { 'data.txt': 'hello from a file\n' },
      });
      expect(text(report.stdout)).toBe('read 18 chars: hello from a file\n');
      expect(text(report.stderr)).toBe(`${PYTHON_VERSION} ['one', 'two']\n`);
    },
  );
});
