import { describe, expect, it } from 'vitest';
import { parseEnvLines } from './env-lines.ts';

describe('parseEnvLines', () => {
  it('reads NAME=value lines and keeps the value as typed', () => {
    expect(parseEnvLines('A=1\n\n# comment\nPATH_2= /bin:/usr/bin \r\nEMPTY=\nEQ=a=b')).toEqual({
      env: [
        ['A', '1'],
        ['PATH_2', ' /bin:/usr/bin '],
        ['EMPTY', ''],
        ['EQ', 'a=b'],
      ],
      problems: [],
    });
  });

  it('reports lines it cannot use', () => {
    expect(parseEnvLines('novalue\n1X=2\nOK=y').problems).toEqual([
      'line 1: expected NAME=value',
      'line 2: "1X" is not a variable name',
    ]);
  });
});
