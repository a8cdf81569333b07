import { beforeEach, describe, expect, it } from 'vitest';
import { contentKey, contentOf, useAppStore } from '../store/index.ts';
import type { ProjectContent, ProjectMeta } from '../store/index.ts';
import { openRecentProject, refreshRecentProjects, switchProject, worthKeeping } from './project-switch.ts';

const enc = (text: string) => new TextEncoder().encode(text);
const project = (text: string): ProjectContent => ({
  files: { 'main.c': enc(text) },
  folders: [],
  openFiles: ['main.c'],
  activeFile: 'main.c',
  stdin: text,
  args: '',
  env: '',
});
const meta = (origin: ProjectMeta['origin'], opened: ProjectContent | null): ProjectMeta => ({
  id: 'x',
  name: 'X',
  origin,
  openedKey: opened === null ? null : contentKey(opened),
});
const refuse = () => false;

describe('worthKeeping', () => {
  it('keeps changed projects and ones from outside, not untouched examples or empty projects', () => {
    const p = project('a');
    expect(worthKeeping(meta('example', p), p)).toBe(false);
    expect(worthKeeping(meta('new', p), p)).toBe(false);
    expect(worthKeeping(meta('recent', p), p)).toBe(false);
    expect(worthKeeping(meta('example', p), project('b'))).toBe(true);
    expect(worthKeeping(meta('link', p), p)).toBe(true);
    expect(worthKeeping(meta('saved', null), p)).toBe(true);
    expect(worthKeeping(meta('link', null), { ...p, files: {} })).toBe(false);
  });
});

describe('switchProject', () => {
  beforeEach(async () => {
    useAppStore.setState(useAppStore.getInitialState(), true);
    await refreshRecentProjects();
  });

  it('keeps a changed project in Recent projects and opens the next with nothing run', async () => {
    const first = await switchProject({ content: project('one'), name: 'One', origin: 'example' }, refuse);
    expect(first).toEqual({ switched: true, kept: null });
    useAppStore.getState().setStdin('edited');
    const keptId = useAppStore.getState().projectMeta.id;
    const second = await switchProject({ content: project('two'), name: 'Two', origin: 'link' }, refuse);
    expect(second).toEqual({ switched: true, kept: 'One' });
    const state = useAppStore.getState();
    expect(state.projectMeta).toMatchObject({ name: 'Two', origin: 'link' });
    expect(contentOf(state)).toMatchObject({ stdin: 'two', activeFile: 'main.c', openFiles: ['main.c'] });
    expect(state.run.status).toBe('idle');
    expect(state.recentProjects.map((e) => e.name)).toContain('One');

    const back = await openRecentProject(keptId, refuse);
    expect(back).toEqual({ switched: true, kept: 'Two' });
    expect(useAppStore.getState().stdin).toBe('edited');
    expect(useAppStore.getState().projectMeta).toMatchObject({ id: keptId, name: 'One', origin: 'recent' });
    expect(await openRecentProject('gone', refuse)).toBeNull();
  });
});
