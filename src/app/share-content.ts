import type { ShareProject } from '../share/validate-project.ts';
import type { ProjectContent } from '../store/index.ts';

/** The working project as a share link or .zapp carries it. */
export function shareOf(content: ProjectContent): ShareProject {
  return {
    files: content.files,
    folders: content.folders,
    openFile: content.activeFile,
    tabs: content.openFiles,
    stdin: content.stdin,
    args: content.args,
    env: content.env,
  };
}

/** A decoded share link or .zapp as the store holds a project. */
export function contentOfShare(project: ShareProject): ProjectContent {
  return {
    files: project.files,
    folders: project.folders,
    openFiles: project.tabs,
    activeFile: project.openFile,
    stdin: project.stdin,
    args: project.args,
    env: project.env,
  };
}
