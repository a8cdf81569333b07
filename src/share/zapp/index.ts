// The .zapp code (and the yaml library) load only when a .zapp is first exported or imported.
export { SYSTEM_MAP, ZAPP_YAML, projectToZapp, zappFileName } from './zapp-export.ts';
export { MAX_ZAPP_BYTES, zappToProject } from './zapp-import.ts';
export type { ZappImport } from './zapp-import.ts';
