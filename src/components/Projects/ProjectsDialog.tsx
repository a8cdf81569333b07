import { useRef, useState } from 'react';
import { Popover } from '../Share/Popover.tsx';
import { RecentProjectItem } from './RecentProjectItem.tsx';
import type { RecentEntry } from './RecentProjectItem.tsx';
import './projects.css';

export type { RecentEntry } from './RecentProjectItem.tsx';

/** Props of the Projects dialog. */
export interface ProjectsDialogProps {
  /** The working project's name. */
  name: string;
  onRename(name: string): void;
  /** Kept projects, newest first (the working one left out). */
  recent: readonly RecentEntry[];
  onNew(): void;
  onOpenRecent(id: string): void;
  onRenameRecent(id: string, name: string): void;
  onDeleteRecent(id: string): void;
  /** A file picked with "Open .zapp…". */
  onImportZapp(file: File): void;
  onExportZapp(): void;
  onClose(): void;
}

/** The Projects popover: name the working project, start a new one, .zapp in and out, recent projects. */
export function ProjectsDialog(props: ProjectsDialogProps) {
  const { recent, onClose } = props;
  const [name, setName] = useState(props.name);
  const pickRef = useRef<HTMLInputElement>(null);
  const commit = () => {
    if (name.trim() === '') setName(props.name);
    else if (name !== props.name) props.onRename(name);
  };
  return (
    <Popover label="Projects" onClose={onClose} className="projects">
      <h2>Projects</h2>
      <label htmlFor="project-name">Project name</label>
      <input
        id="project-name"
        type="text"
        value={name}
        maxLength={80}
        onChange={(event) => setName(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
        }}
      />
      <div className="popover__row">
        <button type="button" onClick={props.onNew}>
          New project
        </button>
        <button type="button" onClick={() => pickRef.current?.click()}>
          Open .zapp…
        </button>
        <button type="button" onClick={props.onExportZapp}>
          Download .zapp
        </button>
        <input
          ref={pickRef}
          type="file"
          accept=".zapp,.tar.gz,.tgz,.tar,application/gzip,application/x-tar"
          hidden
          data-testid="zapp-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) props.onImportZapp(file);
          }}
        />
      </div>
      <h3 id="recent-projects-heading">Recent projects</h3>
      {recent.length === 0 ? (
        <p className="popover__muted">
          None yet. When you open another project, this one is kept here, so no work is lost.
        </p>
      ) : (
        <ul className="projects__list" aria-labelledby="recent-projects-heading">
          {recent.map((entry) => (
            <RecentProjectItem
              key={entry.id}
              entry={entry}
              onOpen={() => props.onOpenRecent(entry.id)}
              onRename={(newName) => props.onRenameRecent(entry.id, newName)}
              onDelete={() => props.onDeleteRecent(entry.id)}
            />
          ))}
        </ul>
      )}
    </Popover>
  );
}
