import { describe, expect, it } from 'vitest';
import { checkDraft, draftOf, emptyDraft } from './channel-form.ts';
import { checkSandboxDraft } from './sandbox-form.ts';

describe('checkDraft', () => {
  const valid = { ...emptyDraft(), uri: 'data.txt', alias: '/dev/input' };

  it('accepts a valid draft, trimming names and reading hex limits', () => {
    expect(checkDraft({ ...valid, uri: ' data.txt ', getSize: '0x100' })).toEqual({
      errors: {},
      channel: {
        uri: 'data.txt',
        alias: '/dev/input',
        type: 0,
        etag: false,
        gets: 16,
        getSize: 256,
        puts: 0,
        putSize: 0,
      },
    });
  });

  it('explains each bad field', () => {
    const { errors, channel } = checkDraft(
      { ...valid, uri: '', alias: 'input', gets: '-1', getSize: 'lots', type: '7' },
      [],
    );
    expect(channel).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual(['alias', 'getSize', 'gets', 'type', 'uri']);
    expect(errors.alias).toContain('/dev/input');
    expect(errors.gets).toContain('negative');
  });

  it('refuses a taken alias and a channel that can be neither read nor written', () => {
    expect(checkDraft(valid, ['/dev/input']).errors.alias).toContain('already');
    expect(checkDraft({ ...valid, gets: '0' }).errors.access).toContain('neither read nor written');
  });

  it('round-trips an existing channel', () => {
    const spec = {
      uri: '/dev/stdout',
      alias: '/dev/stdout',
      type: 2 as const,
      etag: true,
      gets: 0,
      getSize: 0,
      puts: 16,
      putSize: 65536,
      line: 7,
    };
    const { line: _line, ...rest } = spec;
    expect(checkDraft(draftOf(spec)).channel).toEqual(rest);
  });
});

describe('checkSandboxDraft', () => {
  const current = { program: 'greet.wasm', memory: 16777216, timeout: 5 };

  it('returns only what changed', () => {
    expect(checkSandboxDraft({ program: 'greet.wasm', memory: '0x2000000', timeout: '5' }, current)).toEqual({
      errors: {},
      edit: { memory: 33554432 },
    });
  });

  it('refuses values outside the manifest limits', () => {
    const { errors, edit } = checkSandboxDraft(
      { program: 'a,b', memory: '0', timeout: '2147483648' },
      current,
    );
    expect(edit).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual(['memory', 'program', 'timeout']);
  });
});
