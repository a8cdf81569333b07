// Monaco, imported lean: the editor API, the editing features a code editor needs, and only the
// languages the playground uses (see STACK-NOTES.md, "Monaco"). Everything is bundled; no CDN.
// Left out on purpose: contextmenu + clipboard (+110 KB; the browser's own menu cuts, copies and pastes),
// quick command/goto line (quick input), code actions, links, sticky scroll, inlay hints, diff editor.
import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/smartSelect/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/readOnlyMessage/register';
import 'monaco-editor/features/toggleTabFocusMode/register';
// features/suggest/register only adds inline suggestions; the suggest widget (word completion) is here.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';

import 'monaco-editor/languages/definitions/cpp/register';
import 'monaco-editor/languages/definitions/python/register';
import 'monaco-editor/languages/definitions/markdown/register';

import { APP_LANGUAGES } from './languages/index.ts';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

const known = new Set(monaco.languages.getLanguages().map((language) => language.id));
for (const { extension, monarch, configuration } of APP_LANGUAGES) {
  if (known.has(extension.id)) continue;
  monaco.languages.register(extension);
  monaco.languages.setMonarchTokensProvider(extension.id, monarch);
  monaco.languages.setLanguageConfiguration(extension.id, configuration);
}

export { monaco };
