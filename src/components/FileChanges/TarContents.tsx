import { useMemo, useState } from 'react';
import { isBinary, tarListing } from './fs-diff.ts';
import type { TarNode } from './fs-diff.ts';
import { HexView } from './HexView.tsx';
import { TextView } from './TextView.tsx';
import { formatSize } from './preview-model.ts';

export interface TarContentsProps {
  /** The archive's project path (names the listing). */
  path: string;
  bytes: Uint8Array;
}

type TarFile = Extract<TarNode, { kind: 'file' }>;

/** A tar image browsed like a folder: a button per folder to open it, a button per file to show it below. */
export function TarContents({ path, bytes }: TarContentsProps) {
  const listing = useMemo(() => tarListing(bytes), [bytes]);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const filesByPath = useMemo(() => {
    const found = new Map<string, TarFile>();
    const walk = (nodes: readonly TarNode[]): void => {
      for (const n of nodes) {
        if (n.kind === 'folder') walk(n.children);
        else if (n.kind === 'file') found.set(n.path, n);
      }
    };
    if (listing.ok) walk(listing.root);
    return found;
  }, [listing]);
  if (!listing.ok)
    return <p className="file-preview__problem">This is not a readable tar image: {listing.reason}.</p>;
  const member = selected === null ? undefined : filesByPath.get(selected);
  const toggle = (folder: string) =>
    setOpen((old) => {
      const next = new Set(old);
      if (!next.delete(folder)) next.add(folder);
      return next;
    });
  return (
    <div className="file-preview__tar">
      <p className="file-preview__note">
        Tar image: {listing.files} {listing.files === 1 ? 'file' : 'files'}, {formatSize(listing.bytes)}.
      </p>
      {listing.warnings.length > 0 && (
        <ul className="file-preview__warnings" aria-label="Entries skipped">
          {listing.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
      {listing.root.length === 0 ? (
        <p className="file-preview__note">The image is empty.</p>
      ) : (
        <TarList
          nodes={listing.root}
          label={`Contents of ${path}`}
          open={open}
          selected={member?.path ?? null}
          onToggle={toggle}
          onSelect={setSelected}
        />
      )}
      {member && <MemberView key={member.path} member={member} />}
    </div>
  );
}

interface TarListProps {
  nodes: readonly TarNode[];
  label?: string;
  open: ReadonlySet<string>;
  selected: string | null;
  onToggle(folder: string): void;
  onSelect(file: string): void;
}

function TarList({ nodes, label, ...rest }: TarListProps) {
  return (
    <ul className="file-preview__tree" aria-label={label}>
      {nodes.map((node) => (
        <li key={node.path}>
          <TarRow node={node} {...rest} />
        </li>
      ))}
    </ul>
  );
}

function TarRow({
  node,
  open,
  selected,
  onToggle,
  onSelect,
}: Omit<TarListProps, 'nodes'> & { node: TarNode }) {
  if (node.kind === 'symlink') {
    return (
      <span className="file-preview__member">
        {node.name} → {node.target} <span className="file-preview__size">(symbolic link)</span>
      </span>
    );
  }
  if (node.kind === 'file') {
    return (
      <span className="file-preview__member">
        <button
          type="button"
          className="file-preview__entry"
          aria-current={selected === node.path ? 'true' : undefined}
          onClick={() => onSelect(node.path)}
        >
          {node.name}
        </button>{' '}
        <span className="file-preview__size">{formatSize(node.size)}</span>
      </span>
    );
  }
  const isOpen = open.has(node.path);
  return (
    <>
      <span className="file-preview__member">
        <button
          type="button"
          className="file-preview__entry"
          aria-expanded={isOpen}
          onClick={() => onToggle(node.path)}
        >
          <span aria-hidden="true">{isOpen ? '▾ ' : '▸ '}</span>
          {node.name}/
        </button>{' '}
        <span className="file-preview__size">{formatSize(node.size)}</span>
      </span>
      {isOpen && node.children.length > 0 && (
        <TarList
          nodes={node.children}
          open={open}
          selected={selected}
          onToggle={onToggle}
          onSelect={onSelect}
        />
      )}
    </>
  );
}

function MemberView({ member }: { member: TarFile }) {
  const [asHex, setAsHex] = useState(() => isBinary(member.data, member.path));
  return (
    <section className="file-preview__member-view" aria-label={`Member ${member.path}`}>
      <header className="file-preview__member-head">
        <h4>{member.path}</h4>
        <span className="file-preview__size">{formatSize(member.size)}</span>
        <span className="file-preview__toggle">
          <button type="button" aria-pressed={!asHex} onClick={() => setAsHex(false)}>
            Text
          </button>
          <button type="button" aria-pressed={asHex} onClick={() => setAsHex(true)}>
            Hex
          </button>
        </span>
      </header>
      {asHex ? (
        <HexView bytes={member.data} label={`Hex of ${member.path}`} />
      ) : (
        <TextView bytes={member.data} label={`Text of ${member.path}`} />
      )}
    </section>
  );
}
