import { describe, it, expect } from 'vitest';
import { hasErrors } from '../diagnostics.ts';
import { parseManifest } from './parse-manifest.ts';

const HEADER = ['Version = 20130611', 'Program = hello.wasm', 'Memory = 67108864, 0', 'Timeout = 10'];
const STDIO = [
  'Channel = /dev/stdin, /dev/stdin, 0, 0, 1024, 1048576, 0, 0',
  'Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, 1024, 1048576',
  'Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 1024, 1048576',
];

/** A valid manifest (lines 1-7) followed by `extra` lines from line 8 on. */
function valid(...extra: string[]): string {
  return [...HEADER, ...STDIO, ...extra].join('\n');
}

function problems(text: string): string[] {
  return parseManifest(text).diagnostics.map(
    (d) => `${d.line}:${d.column}-${d.endColumn} ${d.severity}: ${d.message}`,
  );
}

describe('parseManifest: a valid manifest', () => {
  it('parses every required key and the channels', () => {
    const { manifest, diagnostics } = parseManifest(valid());
    expect(diagnostics).toEqual([]);
    expect(manifest).toEqual({
      version: '20130611',
      program: 'hello.wasm',
      memory: 67108864,
      memoryEtag: false,
      timeout: 10,
      channels: [
        {
          uri: '/dev/stdin',
          alias: '/dev/stdin',
          type: 0,
          etag: false,
          gets: 1024,
          getSize: 1048576,
          puts: 0,
          putSize: 0,
          line: 5,
        },
        {
          uri: '/dev/stdout',
          alias: '/dev/stdout',
          type: 0,
          etag: false,
          gets: 0,
          getSize: 0,
          puts: 1024,
          putSize: 1048576,
          line: 6,
        },
        {
          uri: '/dev/stderr',
          alias: '/dev/stderr',
          type: 0,
          etag: false,
          gets: 0,
          getSize: 0,
          puts: 1024,
          putSize: 1048576,
          line: 7,
        },
      ],
    });
  });

  it('trims whitespace, accepts CRLF line ends and any key order', () => {
    const text = [
      '  Timeout=10  ',
      ...STDIO,
      '\tMemory =0x4000000 ,1',
      'Program= a b.wasm',
      'Version =20130611',
    ];
    const { manifest, diagnostics } = parseManifest(text.join('\r\n') + '\r\n');
    expect(diagnostics).toEqual([]);
    expect(manifest).toMatchObject({ program: 'a b.wasm', memory: 67108864, memoryEtag: true, timeout: 10 });
  });

  it('treats blank lines, # lines and == lines as comments', () => {
    const text = valid('', '   ', '# a comment = with equals', '  == Section ==', '==');
    expect(problems(text)).toEqual([]);
  });

  it('parses ZEROVM.md Example A (relative and absolute paths)', () => {
    const text = [
      'Channel = lua.input,  /dev/stdin,  0, 0, 999999, 999999, 0, 0',
      'Channel = lua.output, /dev/stdout, 0, 0, 0, 0, 999999, 999999',
      'Channel = lua.log,    /dev/stderr, 0, 0, 0, 0, 9999999, 9999999',
      'Channel = lua.nvram,  /dev/nvram,  3, 0, 9999999, 9999999, 0, 0',
      'Channel = mounts/lua-5.2.1-tests.tar, /dev/mount/root, 3, 0, 9999999, 9999999, 0, 0',
      'Version = 20130611',
      'Program = lua.nexe',
      'Memory=134217728, 0',
      'Timeout=20',
    ].join('\n');
    const { manifest, diagnostics } = parseManifest(text);
    expect(diagnostics).toEqual([]);
    expect(manifest?.channels.map((c) => [c.uri, c.alias, c.type, c.line])).toEqual([
      ['lua.input', '/dev/stdin', 0, 1],
      ['lua.output', '/dev/stdout', 0, 2],
      ['lua.log', '/dev/stderr', 0, 3],
      ['lua.nvram', '/dev/nvram', 3, 4],
      ['mounts/lua-5.2.1-tests.tar', '/dev/mount/root', 3, 5],
    ]);
    const absolute = parseManifest(
      text.replace('lua.input', '/abs/lua.input').replace('lua.nexe', '/abs/lua.nexe'),
    );
    expect(absolute.diagnostics).toEqual([]);
    expect(absolute.manifest?.program).toBe('/abs/lua.nexe');
  });

  it('parses ZEROVM.md Example B without errors (Node only warns)', () => {
    const text = [
      'Node = 1',
      'Version = 20130611',
      'Timeout = 50',
      'Memory = 4294967296,0',
      'Program = /tmp/test/boot.1',
      'Channel = /dev/stdin,/dev/stdin,0,0,4294967296,4294967296,0,0',
      'Channel = /tmp/test/stdout.1,/dev/stdout,0,0,0,0,4294967296,4294967296',
      'Channel = /tmp/test/stderr.1,/dev/stderr,0,0,0,0,4294967296,4294967296',
      'Channel = /abs/python.tar,/dev/1.python.tar,3,0,4294967296,4294967296,4294967296,4294967296',
      'Channel = /tmp/test/nvram.1,/dev/nvram,3,0,4294967296,4294967296,4294967296,4294967296',
    ].join('\n');
    const { manifest, diagnostics } = parseManifest(text);
    expect(hasErrors(diagnostics)).toBe(false);
    expect(diagnostics.map((d) => [d.line, d.severity])).toEqual([[1, 'warning']]);
    expect(manifest).toMatchObject({ node: 1, memory: 4294967296, timeout: 50, program: '/tmp/test/boot.1' });
    expect(manifest?.channels).toHaveLength(5);
  });
});

describe('parseManifest: line syntax', () => {
  it('rejects a line without =', () => {
    expect(problems(valid('hello world'))).toEqual([
      "8:1-12 error: this line is not a 'Key = value' line (it has no '='); to write a comment, start the line with #",
    ]);
    expect(problems(valid('  Timeout 10'))).toEqual([
      "8:3-13 error: this line has no '=' after Timeout: write it as 'Timeout = 10'",
    ]);
    expect(problems(valid(`Etag ${'x'.repeat(50)}`))[0]).toMatch(/write it as 'Etag = x{40}…'$/);
  });

  it('rejects a line without a key', () => {
    expect(problems(valid('  = 5'))).toEqual([
      "8:3-4 error: this line has no key before '='; write it as 'Key = value', e.g. 'Timeout = 10'",
    ]);
  });

  it("rejects a second '=' on a line, as ZeroVM ignores such lines", () => {
    expect(problems(valid('Etag = a=b'))).toEqual([
      "8:9-10 error: this line has a second '='; ZeroVM ignores lines with more than one '=', so a value cannot contain '='",
    ]);
  });

  it('warns about unknown keys, suggesting near misses', () => {
    expect(problems(valid('Foo = 1', 'memory = 1, 0', 'Chanel = x'))).toEqual([
      "8:1-4 warning: unknown key 'Foo' is ignored; the keys are Version, Program, Memory, Timeout, NameServer, Node, Job, Etag, Channel",
      "9:1-7 warning: unknown key 'memory' is ignored: did you mean 'Memory'? (keys are case-sensitive)",
      "10:1-7 warning: unknown key 'Chanel' is ignored: did you mean 'Channel'?",
    ]);
  });

  it('rejects a key without a value', () => {
    expect(problems(valid('Etag =  '))).toEqual([
      "8:6-7 error: Etag has no value after '='; write it like 'Etag = 0'",
    ]);
    expect(problems(valid('Channel =')).at(0)).toBe(
      "8:9-10 error: Channel has no value after '='; write it like 'Channel = uri, alias, type, etag, gets, get_size, puts, put_size'",
    );
  });

  it('rejects a repeated single key, pointing at the second', () => {
    expect(problems(valid('Timeout = 20'))).toEqual([
      '8:1-8 error: Timeout is already set on line 4; a manifest has one Timeout line, so this one is ignored',
    ]);
    expect(parseManifest(valid('Timeout = 20')).manifest?.timeout).toBe(10);
  });
});

describe('parseManifest: required keys', () => {
  it('reports each missing required key on line 1', () => {
    const text = STDIO.join('\n');
    expect(problems(text)).toEqual([
      "1:1-60 error: the manifest has no Version line, and ZeroVM refuses to start without one: add 'Version = 20130611'",
      "1:1-60 error: the manifest has no Program line, and ZeroVM refuses to start without one: add 'Program = hello.wasm'",
      "1:1-60 error: the manifest has no Memory line, and ZeroVM refuses to start without one: add 'Memory = 67108864, 0'",
      "1:1-60 error: the manifest has no Timeout line, and ZeroVM refuses to start without one: add 'Timeout = 10'",
    ]);
    expect(parseManifest(text).manifest).toBeUndefined();
  });

  it('reports an empty manifest with every required key and standard channel', () => {
    const list = problems('');
    expect(list).toHaveLength(7);
    expect(list.every((p) => p.startsWith('1:1-2 error: '))).toBe(true);
  });

  it('requires Version to be exactly 20130611', () => {
    const text = valid().replace('20130611', '20130612');
    expect(problems(text)).toEqual([
      "1:11-19 error: Version must be 20130611, the only manifest version ZeroVM accepts; got '20130612'",
    ]);
    expect(parseManifest(text).manifest).toBeUndefined();
  });

  it('checks Memory: size range, etag, token count', () => {
    const at = (value: string) => problems(valid().replace('67108864, 0', value));
    expect(at('0, 0')).toEqual([
      '3:10-11 error: Memory must be a number of bytes from 1 to 4294967296 (4 GiB); got 0',
    ]);
    expect(at('4294967297, 0')).toEqual([
      '3:10-20 error: Memory must be a number of bytes from 1 to 4294967296 (4 GiB); got 4294967297',
    ]);
    expect(at('lots, 0')).toEqual([
      "3:10-14 error: Memory must be a number of bytes from 1 to 4294967296 (4 GiB); 'lots' is not a whole number (write it like 1024, 0x400 in hex or 02000 in octal)",
    ]);
    expect(at('1024, 2')).toEqual([
      '3:16-17 error: the Memory etag must be 0 (off) or 1 (hash memory into the report); got 2',
    ]);
    expect(at('1, 0, 0')).toEqual([
      "3:10-17 error: Memory takes 2 comma-separated values (bytes, etag), e.g. 'Memory = 67108864, 0'; this line has 3",
    ]);
  });

  it('accepts Memory without an etag with a warning, assuming 0', () => {
    const text = valid().replace('67108864, 0', '1024');
    expect(problems(text)).toEqual([
      "3:14-15 warning: Memory should be 'bytes, etag' but the etag (0 or 1) is missing, so 0 is assumed; ZeroVM itself refuses this line, so write 'Memory = 1024, 0'",
    ]);
    expect(parseManifest(text).manifest).toMatchObject({ memory: 1024, memoryEtag: false });
  });

  it('checks Timeout is 1..2^31-1 seconds', () => {
    const at = (value: string) => problems(valid().replace('Timeout = 10', `Timeout = ${value}`));
    expect(at('0')).toEqual([
      '4:11-12 error: Timeout must be a number of seconds from 1 to 2147483647; got 0',
    ]);
    expect(at('2147483648')).toEqual([
      '4:11-21 error: Timeout must be a number of seconds from 1 to 2147483647; got 2147483648',
    ]);
    expect(at('0x7fffffff')).toEqual([]);
    expect(at('-1')).toHaveLength(1);
    expect(at('10s')[0]).toMatch(/^4:11-14 error: Timeout must .*'10s' is not a whole number/);
  });

  it('requires a non-empty Program', () => {
    expect(problems(valid().replace('hello.wasm', ''))).toEqual([
      "2:9-10 error: Program has no value after '='; write it like 'Program = hello.wasm'",
    ]);
  });
});

describe('parseManifest: optional keys', () => {
  it('accepts NameServer with a warning and rejects a malformed one', () => {
    const { manifest, diagnostics } = parseManifest(valid('NameServer = udp:10.0.0.254:5544'));
    expect(manifest?.nameServer).toBe('udp:10.0.0.254:5544');
    expect(
      diagnostics.map((d) => `${d.line}:${d.column}-${d.endColumn} ${d.severity}: ${d.message}`),
    ).toEqual([
      '8:14-33 warning: NameServer is accepted but has no meaning in the playground, which has no network: jobs wire channels between programs instead',
    ]);
    for (const bad of [
      'tcp:10.0.0.1:1',
      'udp:10.0.0.1',
      'udp:300.0.0.1:5',
      'udp:1.2.3.4:70000',
      'udp:1.2.3.4:0',
    ]) {
      expect(problems(valid(`NameServer = ${bad}`))).toEqual([
        `8:14-${14 + bad.length} error: NameServer must look like udp:<ip>:<port>, e.g. udp:10.0.0.254:5544; got '${bad}'`,
      ]);
    }
  });

  it('accepts Node 1..2^31-1 with a warning', () => {
    expect(problems(valid('Node = 3'))).toEqual([
      '8:8-9 warning: Node only matters together with NameServer, which connects ZeroVM instances over a network; the playground ignores it (jobs wire channels between programs instead)',
    ]);
    expect(parseManifest(valid('Node = 3')).manifest?.node).toBe(3);
    expect(problems(valid('Node = 0'))).toEqual([
      '8:8-9 error: Node must be an instance id from 1 to 2147483647; got 0',
    ]);
  });

  it('accepts Job and Etag with warnings', () => {
    const { manifest, diagnostics } = parseManifest(valid('Job = /tmp/zvm.sock', 'Etag = something'));
    expect(manifest).toMatchObject({ job: '/tmp/zvm.sock', etag: 'something' });
    expect(diagnostics.map((d) => `${d.line} ${d.severity}: ${d.message}`)).toEqual([
      '8 warning: Job (ZeroVM daemon mode, zvm_fork) is not supported in the playground; it has no effect',
      '9 warning: Etag is reserved in ZeroVM and has no effect',
    ]);
  });
});
