import { z } from 'zod';
import type { JobGroup } from './system-map.ts';

/** Version of the `playground` section this build writes into zapp.yaml. */
export const ZAPP_PLAYGROUND_VERSION = 1;

/**
 * The playground's own section of zapp.yaml: which archive files are the project, and the editor and run
 * inputs. zpm ignores keys it does not know; a .zapp without this section is imported file by file.
 */
export const playgroundSectionSchema = z.object({
  version: z.number().int(),
  files: z.array(z.string()),
  folders: z.array(z.string()).default([]),
  openFile: z.string().nullable().default(null),
  tabs: z.array(z.string()).default([]),
  stdin: z.string().default(''),
  args: z.string().default(''),
  env: z.string().default(''),
});

/** The playground section as read. */
export type PlaygroundSection = z.infer<typeof playgroundSectionSchema>;

/** What import reads of zapp.yaml (zpm `doc/zapp-yaml.rst`); everything else in it is left alone. */
export const zappYamlSchema = z.object({
  meta: z.object({ name: z.unknown().optional() }).loose().optional(),
  playground: z.unknown().optional(),
});

/** zapp.yaml as zpm describes it (meta, execution.groups, bundling) plus the playground section. */
export function zappYamlObject(name: string, groups: readonly JobGroup[], section: PlaygroundSection) {
  return {
    meta: { name, Version: '1.0', Summary: 'Exported from ZeroVM Playground' },
    execution: {
      groups: groups.map((g) => ({
        name: g.name,
        path: g.exec.path,
        ...(g.exec.args ? { args: g.exec.args } : {}),
        ...(g.exec.env ? { env: g.exec.env } : {}),
        devices: g.devices,
      })),
    },
    bundling: section.files,
    playground: section,
  };
}
