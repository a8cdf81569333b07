import { useEffect, useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import { MenuButton } from './MenuButton.tsx';

export interface FileTreeToolbarProps {
  onNewFile(): void;
  onNewFolder(): void;
  /** Files chosen with the Upload (multiple files) or Upload folder (webkitdirectory) picker. */
  onPicked(files: File[]): void;
  onDownloadProject(format: 'zip' | 'tar' | 'zapp'): void;
}

/** New file, New folder, Upload, Upload folder, and Download (.zip, .tar or .zapp). */
export function FileTreeToolbar({
  onNewFile,
  onNewFolder,
  onPicked,
  onDownloadProject,
}: FileTreeToolbarProps) {
  const filesRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  const [downloadOpen, setDownloadOpen] = useState(false);

  useEffect(() => {
    // Not in React's typings; Chromium, Firefox and Safari all support the prefixed name.
    folderRef.current?.setAttribute('webkitdirectory', '');
    folderRef.current?.setAttribute('directory', '');
  }, []);

  const picked = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    if (files.length > 0) onPicked(files);
  };

  return (
    <div className="file-tree__toolbar">
      <button type="button" onClick={onNewFile}>
        New file
      </button>
      <button type="button" onClick={onNewFolder}>
        New folder
      </button>
      <button type="button" onClick={() => filesRef.current?.click()}>
        Upload
      </button>
      <button type="button" onClick={() => folderRef.current?.click()}>
        Upload folder
      </button>
      <MenuButton
        label="Download"
        className="file-tree__download"
        open={downloadOpen}
        onOpenChange={setDownloadOpen}
        items={[
          { label: 'Download .zip', onSelect: () => onDownloadProject('zip') },
          { label: 'Download .tar', onSelect: () => onDownloadProject('tar') },
          { label: 'Download .zapp', onSelect: () => onDownloadProject('zapp') },
        ]}
      >
        Download <span aria-hidden="true">▾</span>
      </MenuButton>
      <input ref={filesRef} type="file" multiple hidden data-testid="upload-files-input" onChange={picked} />
      <input
        ref={folderRef}
        type="file"
        multiple
        hidden
        data-testid="upload-folder-input"
        onChange={picked}
      />
    </div>
  );
}
