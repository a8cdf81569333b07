/** How a ZeroCloud device behaves (ZEROVM.md §4, "Devices"). */
export type DeviceKind =
  | { kind: 'stdio'; read: boolean }
  | { kind: 'random'; read: boolean }
  | { kind: 'image' }
  | { kind: 'runtime' }
  | { kind: 'debug' };

const FIXED: Record<string, DeviceKind> = {
  stdin: { kind: 'stdio', read: true },
  stdout: { kind: 'stdio', read: false },
  stderr: { kind: 'stdio', read: false },
  input: { kind: 'random', read: true },
  script: { kind: 'random', read: true },
  output: { kind: 'random', read: false },
  image: { kind: 'image' },
  debug: { kind: 'debug' },
};

/** Names of system images that mean the built-in Python (ZeroCloud's admins named theirs `python2.7`). */
export const PYTHON_IMAGE = /^python(?:2(?:\.7)?|3(?:\.\d{1,2})?)?$/;

/** Every device name a job may use, for error messages. */
export const DEVICE_NAMES = [...Object.keys(FIXED), 'python'] as const;

/** What a device name means; undefined for a name ZeroCloud would not know. */
export function deviceKind(name: string): DeviceKind | undefined {
  if (Object.hasOwn(FIXED, name)) return FIXED[name];
  return PYTHON_IMAGE.test(name) ? { kind: 'runtime' } : undefined;
}

/** True for a device the program reads (its path must name an existing project file). */
export function readsPath(kind: DeviceKind): boolean {
  return kind.kind === 'image' || ((kind.kind === 'stdio' || kind.kind === 'random') && kind.read);
}

/** True for a device the program writes (its path, if any, receives the output). */
export function writesPath(kind: DeviceKind): boolean {
  return (kind.kind === 'stdio' || kind.kind === 'random') && !kind.read;
}
