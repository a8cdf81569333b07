import { hasShareLink } from '../share/launch-options.ts';
import type { LaunchOptions } from '../share/launch-options.ts';
import { templateFor } from '../toolchains/templates.ts';
import {
  contentKey,
  newProjectId,
  readAutosave,
  recentProjects,
  resumeAutosave,
  separateTab,
  tabProjectId,
  useAppStore,
} from '../store/index.ts';
import type { ProjectContent } from '../store/index.ts';
import type { ProjectSnapshot } from './default-project/index.ts';
import { EXAMPLES } from './examples/index.ts';
import type { Example } from './examples/index.ts';
import { trustShippedPrograms } from './build-runner.ts';
import { loadContent, refreshRecentProjects, switchProject, worthKeeping } from './project-switch.ts';
import { contentOfShare } from './share-content.ts';
import { START_CLAIM_MS, claimOrCopy, heldByAnotherTab, sweepWorkingCopies } from './tab-projects.ts';

/** A sentence shown under the toolbar: what happened to a link, an import or a project switch. */
export interface AppNotice {
  tone: 'info' | 'error';
  text: string;
}

/** An example as a project to load. */
export async function exampleContent(example: Example): Promise<ProjectContent> {
  return snapshotContent(await example.load());
}

/** What "New project" starts from: a C hello world that reads stdin. */
export function newProjectContent(): ProjectContent {
  const main = new TextEncoder().encode(templateFor('main.c') ?? '');
  return {
    files: { 'main.c': main },
    folders: [],
    openFiles: ['main.c'],
    activeFile: 'main.c',
    stdin: '',
    args: '',
    env: '',
  };
}

function snapshotContent(snapshot: ProjectSnapshot): ProjectContent {
  return { ...snapshot, activeFile: snapshot.openFiles[0] ?? null, args: '', env: '' };
}

/** Loads the first example as the working project (a first visit, or an emptied project). */
async function loadFirstExample(): Promise<void> {
  const example = EXAMPLES[0]!;
  const content = await exampleContent(example);
  loadContent(content, {
    id: newProjectId(),
    name: example.title,
    origin: 'example',
    openedKey: contentKey(content),
  });
}

// The codec (and zod) load only when the address holds a link, keeping them out of the first screen's code.
const shareCodec = () => import('../share/share-codec.ts');

let started: Promise<AppNotice | null> | undefined;

/** startFullApp, once per page (React's strict mode mounts the App twice in development). */
export function startFullAppOnce(launch: LaunchOptions, dropFragment: () => void): Promise<AppNotice | null> {
  return (started ??= startFullApp(launch, dropFragment));
}

/**
 * Starts the full app: the autosaved project comes back (this tab's own, after a reload), then a share link in
 * the address (if any) opens in its place, the previous project kept in Recent projects. Nothing runs. The
 * fragment is then dropped from the address, so a reload shows the (autosaved) project rather than opening
 * the link again. The tab then claims its project (another tab working on it makes this one a copy), and
 * only then does the autosave write.
 */
export async function startFullApp(
  launch: LaunchOptions,
  dropFragment: () => void,
): Promise<AppNotice | null> {
  await readAutosave();
  const own = tabProjectId();
  void refreshRecentProjects().catch(() => undefined);
  const opened = await openLaunchProject(launch, dropFragment);
  const current = useAppStore.getState().projectMeta.id;
  const [copied, ownElsewhere] = await Promise.all([
    claimOrCopy(START_CLAIM_MS),
    own !== null && own !== current ? heldByAnotherTab(own, START_CLAIM_MS) : false,
  ]);
  // Another tab works on the project this tab says is its own: this tab is a copy of that one (a duplicated
  // tab), and takes an id of its own before the autosave writes which project it works on.
  if (copied !== null || ownElsewhere) separateTab();
  resumeAutosave();
  sweepWorkingCopies((copy) => worthKeeping(copy.meta, copy.content));
  return opened ?? copied;
}

async function openLaunchProject(launch: LaunchOptions, dropFragment: () => void): Promise<AppNotice | null> {
  if (!hasShareLink(launch.hash)) {
    await openOwnProject();
    return null;
  }
  dropFragment();
  const { decodeShare } = await shareCodec();
  const decoded = decodeShare(launch.hash);
  if (!decoded.ok) {
    await openOwnProject();
    return {
      tone: 'error',
      text: `This share link could not be opened: ${decoded.error} Nothing was run or changed.`,
    };
  }
  const result = await switchProject({
    content: contentOfShare(decoded.project),
    name: 'Shared project',
    origin: 'link',
  });
  if (!result.switched)
    return { tone: 'info', text: 'The shared project was not opened; your project is unchanged.' };
  const count = Object.keys(decoded.project.files).length;
  const kept =
    result.kept === null ? '' : ` Your previous project “${result.kept}” is kept in Recent projects.`;
  return {
    tone: 'info',
    text: `Opened a shared project (${count} file${count === 1 ? '' : 's'}). Nothing has run: press Run to run it.${kept}`,
  };
}

/**
 * After a reload, the project this tab worked on: the autosave brought back its working copy, or, when that
 * is gone (moved to Recent projects), the tab reopens it from there. A first visit gets the first example.
 */
async function openOwnProject(): Promise<void> {
  const own = tabProjectId();
  if (own !== null && own !== useAppStore.getState().projectMeta.id) {
    const recents = recentProjects();
    const [content, list] = await Promise.all([recents.load(own), recents.list()]);
    const entry = list.find((e) => e.id === own);
    if (content && entry) {
      loadContent(content, { id: own, name: entry.name, origin: 'recent', openedKey: contentKey(content) });
      return;
    }
  }
  if (Object.keys(useAppStore.getState().files).length === 0) await loadFirstExample();
  else trustShippedPrograms();
}

/** How an embed started: a notice to show, and whether its project came from a good link. */
export interface EmbedStart {
  notice: AppNotice | null;
  fromLink: boolean;
}

let embedStart: Promise<EmbedStart> | undefined;

/** startEmbed, once per page; `first` is true only for the first caller (who may autorun). */
export async function startEmbedOnce(launch: LaunchOptions): Promise<EmbedStart & { first: boolean }> {
  const first = embedStart === undefined;
  embedStart ??= startEmbed(launch);
  return { ...(await embedStart), first };
}

/**
 * Starts an embed: the project comes from the link alone (nothing is read from or written to the visitor's
 * autosave); without a link, the first example. Resolves whether the project came from a good link.
 */
export async function startEmbed(launch: LaunchOptions): Promise<EmbedStart> {
  if (!hasShareLink(launch.hash)) {
    await loadFirstExample();
    return { notice: null, fromLink: false };
  }
  const { decodeShare } = await shareCodec();
  const decoded = decodeShare(launch.hash);
  if (!decoded.ok)
    return {
      notice: { tone: 'error', text: `This snippet could not be opened: ${decoded.error}` },
      fromLink: false,
    };
  const content = contentOfShare(decoded.project);
  loadContent(content, {
    id: newProjectId(),
    name: 'Shared project',
    origin: 'link',
    openedKey: contentKey(content),
  });
  return { notice: null, fromLink: true };
}
