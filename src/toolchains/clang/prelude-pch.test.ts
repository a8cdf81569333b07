import { describe, expect, it } from 'vitest';
import { PRELUDE_PCH, PreludeHeaders, preludeFits } from './prelude-pch.ts';

describe('preludeFits', () => {
  it('takes files that include <iostream> with no macro defined before it', () => {
    expect(preludeFits('#include <iostream>\nint main() {}\n')).toBe(true);
    expect(preludeFits('// hi\n#include <string>\n  #  include <iostream>\n#define X 1\n')).toBe(true);
  });

  it('leaves out files without <iostream> or with a macro set before it', () => {
    expect(preludeFits('#include <cstdio>\nint main() {}\n')).toBe(false);
    expect(preludeFits('// #include <iostream>\n')).toBe(false);
    expect(preludeFits('#define _LIBCPP_HAS_NO_THREADS\n#include <iostream>\n')).toBe(false);
    expect(preludeFits('#undef NDEBUG\n#include <iostream>\n')).toBe(false);
  });
});

describe('PreludeHeaders', () => {
  it('builds what compiles wanted, once per set of flags, and drops a refused one', async () => {
    const preludes = new PreludeHeaders();
    const built: string[][] = [];
    preludes.want(['-O2']);
    preludes.want(['-O2']);
    preludes.want(['-O0']);
    expect(preludes.use(['-O2'])).toBeUndefined();
    await preludes.buildWanted(async (flags) => {
      built.push(flags);
      return flags[0] === '-O2' ? new Uint8Array([1]) : undefined;
    });
    expect(built).toEqual([['-O2'], ['-O0']]);
    expect(preludes.pending).toBe(false);
    expect(preludes.use(['-O2'])).toMatchObject({ flags: ['-include-pch', PRELUDE_PCH] });
    expect(preludes.use(['-O0'])).toBeUndefined();
    preludes.want(['-O2']);
    expect(preludes.pending).toBe(false);
    preludes.drop(['-O2']);
    expect(preludes.use(['-O2'])).toBeUndefined();
  });
});
