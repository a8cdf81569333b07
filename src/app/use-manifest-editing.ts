import { useMemo } from 'react';
import type { RefObject } from 'react';
import type { ConsoleHandle } from '../components/Console/Console.tsx';
import type { SandboxEdit } from '../components/ManifestDiagram/sandbox-form.ts';
import type { ChannelType } from '../engine/manifest/types.ts';
import { useAppStore } from '../store/index.ts';
import {
  ManifestEditError,
  addChannel,
  removeChannel,
  setChannelEtag,
  setChannelLimits,
  setChannelType,
  setScalar,
} from './manifest-edit.ts';
import type { ChannelLimits, NewChannel } from './manifest-edit.ts';

const decoder = new TextDecoder();

/** The diagram's edits, applied to the manifest file's text (so the text and the diagram never disagree). */
export function useManifestEditing(manifestPath: string | null, consoleRef: RefObject<ConsoleHandle | null>) {
  return useMemo(() => {
    const edit = (change: (text: string) => string): void => {
      if (manifestPath === null) return;
      const store = useAppStore.getState();
      const data = store.files[manifestPath];
      if (!data) return;
      try {
        const error = store.setFileText(manifestPath, change(decoder.decode(data)));
        if (error) consoleRef.current?.notice(error, 'error');
      } catch (error) {
        if (!(error instanceof ManifestEditError)) throw error;
        consoleRef.current?.notice(`${manifestPath}: ${error.message}`, 'error');
      }
    };
    return {
      onEditLimits: (alias: string, limits: ChannelLimits) => edit((t) => setChannelLimits(t, alias, limits)),
      onEditType: (alias: string, type: ChannelType) => edit((t) => setChannelType(t, alias, type)),
      onEditEtag: (alias: string, etag: boolean) => edit((t) => setChannelEtag(t, alias, etag)),
      onAddChannel: (spec: NewChannel) => edit((t) => addChannel(t, spec)),
      onRemoveChannel: (alias: string) => edit((t) => removeChannel(t, alias)),
      onEditSandbox: (change: SandboxEdit) =>
        edit((t) => {
          let text = t;
          if (change.program !== undefined) text = setScalar(text, 'Program', change.program);
          if (change.memory !== undefined) text = setScalar(text, 'Memory', change.memory);
          if (change.timeout !== undefined) text = setScalar(text, 'Timeout', change.timeout);
          return text;
        }),
    };
  }, [manifestPath, consoleRef]);
}

/** Quick mode's "Make editable": the generated manifest and nvram become project files, so Run uses them. */
export function makeGeneratedEditable(
  program: string,
  generated: { manifestText: string; nvramText: string },
  nvramPath: string,
): string | null {
  const store = useAppStore.getState();
  const stem = program.replace(/\.(wasm|py)$/i, '');
  const manifestPath = `${stem}.manifest`;
  if (Object.hasOwn(store.files, manifestPath)) return `${manifestPath} already exists`;
  const encode = (text: string) => new TextEncoder().encode(text);
  const error =
    store.createFile(nvramPath, encode(generated.nvramText)) ??
    store.createFile(
      manifestPath,
      encode(`# Generated for a quick run of ${program}\n${generated.manifestText}`),
    );
  if (!error) store.openFile(manifestPath);
  return error;
}
