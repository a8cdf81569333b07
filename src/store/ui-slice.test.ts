import { beforeEach, describe, expect, it } from 'vitest';
import { selectArgs, selectEnv, selectStdin, selectTheme, useAppStore } from './index.ts';

const store = () => useAppStore.getState();

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
});

describe('ui slice', () => {
  it('starts with the system theme, empty inputs, determinism and trace on', () => {
    expect(store()).toMatchObject({
      theme: 'system',
      stdin: '',
      args: '',
      env: '',
      deterministic: true,
      trace: true,
    });
  });

  it('sets each field', () => {
    store().setTheme('dark');
    store().setStdin('in');
    store().setArgs('-n 3');
    store().setEnv('A=1');
    store().setDeterministic(false);
    store().setTrace(false);
    const s = store();
    expect([selectTheme(s), selectStdin(s), selectArgs(s), selectEnv(s)]).toEqual([
      'dark',
      'in',
      '-n 3',
      'A=1',
    ]);
    expect(s).toMatchObject({ deterministic: false, trace: false });
  });
});
