import { useEffect, useMemo, useRef, useState } from 'react';
import type { ShareView } from '../components/Share/ShareDialog.tsx';
import { embedSnippet, embedUrl, shareUrl } from '../share/launch-options.ts';
import type { EmbedOptions } from '../share/launch-options.ts';
import { cleanProjectName, contentOf, useAppStore } from '../store/index.ts';
import { EXAMPLES } from './examples/index.ts';
import {
  deleteRecentProject,
  openRecentProject,
  renameRecentProject,
  switchProject,
} from './project-switch.ts';
import type { NextProject } from './project-switch.ts';
import { exampleContent, newProjectContent } from './startup.ts';
import type { AppNotice } from './startup.ts';
import { exportZapp, importZapp } from './zapp-actions.ts';

/** Which toolbar popover is open. */
export type OpenPopover = 'share' | 'projects' | null;

// Share links need the codec (and zod): loaded when first used, not with the first screen.
const sharePlanner = () => import('./plan-share.ts');

/** The address the app was loaded from, without query or fragment. */
const appBase = (): string => `${location.origin}${location.pathname}`;

/**
 * Share, Projects (new, recent, .zapp) and Open example: their popover state, the notice under the toolbar,
 * and the actions; `onSwitched` runs after another project became the working one.
 */
export function useProjectMenu(onSwitched: () => void) {
  const [open, setOpenState] = useState<OpenPopover>(null);
  const [share, setShare] = useState<ShareView | null>(null);
  const [includeBuilt, setIncludeBuiltState] = useState(false);
  const [embed, setEmbed] = useState<EmbedOptions>({ readOnly: false, autorun: false });
  const [notice, setNotice] = useState<AppNotice | null>(null);
  // The latest values for the memoised actions, which keyboard handlers call too.
  const openRef = useRef<OpenPopover>(null);
  const includeBuiltRef = useRef(false);
  const embedRef = useRef<EmbedOptions>(embed);

  const actions = useMemo(() => {
    const setOpen = (which: OpenPopover) => {
      openRef.current = which;
      setOpenState(which);
    };
    const copy = (text: string) => {
      const mark = (copied: 'copied' | 'failed') =>
        setShare((view) => (view?.kind === 'link' && view.url === text ? { ...view, copy: copied } : view));
      const clipboard = globalThis.navigator?.clipboard;
      if (!clipboard) return mark('failed');
      clipboard.writeText(text).then(
        () => mark('copied'),
        () => mark('failed'),
      );
    };
    const makeShare = async (include: boolean, options: EmbedOptions, copyLink: boolean) => {
      const { planShare } = await sharePlanner();
      const plan = planShare(contentOf(useAppStore.getState()), include);
      const base = appBase();
      if (plan.kind === 'too-long') {
        const snippet = embedSnippet(embedUrl(base, plan.fragment, options));
        setShare({ kind: 'too-long', length: shareUrl(base, '').length + plan.length, snippet });
        return;
      }
      const url = shareUrl(base, plan.fragment);
      const snippet = embedSnippet(embedUrl(base, plan.fragment, options));
      setShare({ kind: 'link', url, snippet, omitted: plan.omitted, copy: copyLink ? 'pending' : 'copied' });
      if (copyLink) copy(url);
    };
    const afterSwitch = (kept: string | null, what: string) => {
      setOpen(null);
      onSwitched();
      setNotice(
        kept === null
          ? null
          : { tone: 'info', text: `${what} Your previous project “${kept}” is kept in Recent projects.` },
      );
    };
    const switchTo = async (next: NextProject, what: string) => {
      const result = await switchProject(next);
      if (result.switched) afterSwitch(result.kept, what);
    };
    return {
      /** Ctrl/Cmd+S: make the link, copy it, show the dialog. */
      shareNow: () => {
        setShare(null);
        void makeShare(includeBuiltRef.current, embedRef.current, true);
        setOpen('share');
      },
      toggleShare: () => {
        if (openRef.current === 'share') setOpen(null);
        else {
          setShare(null);
          void makeShare(includeBuiltRef.current, embedRef.current, true);
          setOpen('share');
        }
      },
      setIncludeBuilt: (on: boolean) => {
        includeBuiltRef.current = on;
        setIncludeBuiltState(on);
        void makeShare(on, embedRef.current, true);
      },
      setEmbedOptions: (options: EmbedOptions) => {
        embedRef.current = options;
        setEmbed(options);
        void makeShare(includeBuiltRef.current, options, false);
      },
      copy,
      toggleProjects: () => setOpen(openRef.current === 'projects' ? null : 'projects'),
      close: () => setOpen(null),
      newProject: () =>
        void switchTo(
          { content: newProjectContent(), name: 'Untitled project', origin: 'new' },
          'Started a new project.',
        ),
      openExample: (id: string) => {
        const example = EXAMPLES.find((e) => e.id === id);
        if (example)
          void exampleContent(example).then((content) =>
            switchTo(
              { content, name: example.title, origin: 'example' },
              `Opened the example “${example.title}”.`,
            ),
          );
      },
      openRecent: (id: string) =>
        void openRecentProject(id).then((result) => {
          if (result === null) setNotice({ tone: 'error', text: 'That project is no longer stored.' });
          else if (result.switched) afterSwitch(result.kept, 'Opened a recent project.');
        }),
      rename: (name: string) => useAppStore.getState().renameProject(name),
      renameRecent: (id: string, name: string) => {
        const clean = cleanProjectName(name);
        if (clean !== '') void renameRecentProject(id, clean);
      },
      deleteRecent: (id: string) => void deleteRecentProject(id),
      exportZapp: () =>
        void exportZapp().catch((error: unknown) =>
          setNotice({ tone: 'error', text: `The .zapp could not be made: ${String(error)}` }),
        ),
      importZapp: (file: File) =>
        void importZapp(file).then((result) => {
          setOpen(null);
          if (result.tone === 'info') onSwitched();
          setNotice(result);
        }),
    };
    // The refs and setters are stable; onSwitched is the App's, stable for its lifetime.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Fetched soon after start, so Share has its code at hand (and keeps the click's clipboard permission).
  useEffect(() => {
    const timer = setTimeout(() => void sharePlanner().catch(() => undefined), 3000);
    return () => clearTimeout(timer);
  }, []);

  return { open, share, includeBuilt, embed, notice, setNotice, ...actions };
}
