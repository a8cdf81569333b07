export type { ChannelSpec, ChannelType, Manifest } from './types.ts';
export { MANIFEST_VERSION } from './types.ts';
export { parseInteger, type IntegerResult } from './parse-integer.ts';
export { parseManifest, STANDARD_CHANNELS, type ParseManifestResult } from './parse-manifest.ts';
export { printChannel, printManifest } from './print-manifest.ts';
export { CHANNEL_FIELDS, isReadable, isWritable } from './parse-channel.ts';
export { MANIFEST_KEYS, type ManifestKey } from './manifest-keys.ts';
export { MANIFEST_LIMITS } from './limits.ts';
