import { z } from 'zod';

/** The share-link format this build writes; links with a higher number come from a newer build. */
export const SHARE_VERSION = 1;

/** Longest fragment decodeShare will look at (characters). */
export const MAX_ENCODED_CHARS = 2 * 1024 * 1024;
/** Most bytes the compressed payload may expand to; also the cap on the project's total file size. */
export const MAX_INFLATED_BYTES = 16 * 1024 * 1024;
/** Most files a shared project may hold. */
export const MAX_FILES = 2000;
/** Most folders a shared project may list. */
export const MAX_FOLDERS = 2000;
/** Most editor tabs a shared project may list. */
export const MAX_TABS = 200;
/** Most segments in one path (`a/b/c` has 3). */
export const MAX_PATH_DEPTH = 32;
/** Longest path, in UTF-16 code units. */
export const MAX_PATH_LENGTH = 4096;
/** Links longer than this are awkward to paste; the UI offers a .zapp download instead. */
export const LINK_TOO_LONG_CHARS = 8 * 1024;

/** One file on the wire: UTF-8 text as `text`, anything else as unpadded base64url in `base64`. */
export const shareFileSchema = z
  .object({
    path: z.string(),
    text: z.string().optional(),
    base64: z.string().optional(),
  })
  .refine((f) => (f.text === undefined) !== (f.base64 === undefined), {
    message: 'needs exactly one of "text" or "base64"',
  });

/**
 * The v1 JSON payload. Unknown keys are dropped so additive fields never break older links; `tabs` (the
 * open editor tabs, in order) was added later, so a link without it still opens.
 */
export const sharePayloadV1Schema = z.object({
  files: z.array(shareFileSchema),
  folders: z.array(z.string()),
  openFile: z.string().nullable(),
  tabs: z.array(z.string()).optional(),
  stdin: z.string(),
  args: z.string(),
  env: z.string(),
});

/** The v1 JSON payload as parsed. */
export type SharePayloadV1 = z.infer<typeof sharePayloadV1Schema>;
