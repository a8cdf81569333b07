import { useMemo } from 'react';
import type { RefObject } from 'react';
import type { ConsoleHandle } from '../components/Console/Console.tsx';
import { downloadBytes } from '../components/download-bytes.ts';
import { projectToTar, projectToZip } from '../share/project-archive.ts';
import { useAppStore } from '../store/index.ts';
import type { ProjectError } from '../store/index.ts';
import { templateFor } from '../toolchains/templates.ts';

const encoder = new TextEncoder();

/** File tree and editor events, applied to the store; refusals are said in the console. */
export function useProjectActions(consoleRef: RefObject<ConsoleHandle | null>) {
  return useMemo(() => {
    const store = () => useAppStore.getState();
    const report = (error: ProjectError): void => {
      if (error) consoleRef.current?.notice(error, 'error');
    };
    return {
      open: (path: string) => store().openFile(path),
      select: (path: string) => store().setActiveFile(path),
      close: (path: string) => store().closeFile(path),
      setText: (path: string, text: string) => report(store().setFileText(path, text)),
      // A new source file starts as a working hello world of its language.
      createFile: (path: string) => {
        const template = templateFor(path);
        const error = store().createFile(path, template === undefined ? undefined : encoder.encode(template));
        report(error);
        if (!error) store().openFile(path);
      },
      createFolder: (path: string) => report(store().createFolder(path)),
      rename: (from: string, to: string) => report(store().renameEntry(from, to)),
      remove: (path: string) => report(store().deleteEntry(path)),
      upload: (entries: Array<{ path: string; data: Uint8Array }>, folder: string) => {
        const error = store().uploadFiles(entries, folder);
        report(error);
        const first = entries[0];
        if (!error && entries.length === 1 && first) {
          store().openFile(folder === '' ? first.path : `${folder}/${first.path}`);
        }
      },
      downloadFile: (path: string) => {
        const data = store().files[path];
        if (data) downloadBytes(path.split('/').pop() ?? path, data);
      },
      downloadProject: (format: 'zip' | 'tar') => {
        const { files, folders } = store();
        const bytes = format === 'zip' ? projectToZip(files, folders) : projectToTar(files, folders);
        downloadBytes(`project.${format}`, bytes, format === 'zip' ? 'application/zip' : 'application/x-tar');
      },
    };
  }, [consoleRef]);
}
