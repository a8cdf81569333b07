import { joinPath } from './build-tree.ts';
import { NameInput } from './NameInput.tsx';
import { nameError } from './validate-name.ts';

/** What is being created, and in which folder ('' = the project root). */
export interface Creating {
  kind: 'file' | 'folder';
  parent: string;
}

export interface CreateFormProps {
  what: Creating;
  files: ReadonlySet<string>;
  folders: ReadonlySet<string>;
  /** The full path of the new item (the typed name may contain `/` to create folders on the way). */
  onConfirm(path: string): void;
  onCancel(): void;
}

/** The name box for a new file or folder, shown above the tree. */
export function CreateForm({ what, files, folders, onConfirm, onCancel }: CreateFormProps) {
  return (
    <div className="file-tree__create">
      <span className="file-tree__create-where">
        {what.kind === 'file' ? 'New file' : 'New folder'} in{' '}
        {what.parent === '' ? 'the project' : `${what.parent}/`}
      </span>
      <NameInput
        label={what.kind === 'file' ? 'New file name' : 'New folder name'}
        validate={(name) => nameError(name, { parent: what.parent, files, folders, allowNested: true })}
        onCancel={onCancel}
        onConfirm={(name) => onConfirm(joinPath(what.parent, name))}
      />
    </div>
  );
}
