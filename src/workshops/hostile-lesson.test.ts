import fc from 'fast-check';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LessonPanel } from '../components/Lesson/LessonPanel.tsx';
import type { LessonPanelProps } from '../components/Lesson/LessonPanel.tsx';
import { evaluate } from './expectations.ts';
import { splitFrontMatter } from './front-matter.ts';
import { loadWorkshop } from './load-workshop.ts';
import { regexProblem } from './safe-regex.ts';
import { checkSchema } from './schema.ts';
import type { Expectation } from './schema.ts';
import { SAMPLE_LESSON_MD, fakeReport, sampleWorkshop, textFiles } from './test-support.ts';
import type { Lesson } from './types.ts';

// Issue 9, hostile inputs: lesson files. Script never survives rendering, traversal and prototype names
// never resolve, bad files get a message naming the file and the field, and no check regex can freeze Check.

const RUNS = 3000;
const WHERE = 'workshops/w/01-hello';

const workshop = sampleWorkshop;

const errorsOf = (overrides: Record<string, string>) =>
  loadWorkshop('w', textFiles(workshop(overrides))).errors;

function lessonOf(overrides: Record<string, string>): Lesson {
  const loaded = loadWorkshop('w', textFiles(workshop(overrides)));
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  return loaded.workshop.lessons[0]!;
}

/** lesson.md with one front-matter line replaced. */
const frontMatter = (from: string, to: string) => ({
  '01-hello/lesson.md': SAMPLE_LESSON_MD.replace(from, to),
});
const check = (...expect: unknown[]) => ({ '01-hello/check.json': JSON.stringify({ expect }) });

/** The tags of React's static markup with their attributes; React escapes `"` and `<` in text and values. */
function tagsOf(html: string): Array<{ name: string; attributes: Array<[string, string]> }> {
  return [...html.matchAll(/<([a-z][\w-]*)([^>]*)>/gi)].map(([, name, rest]) => ({
    name: name!.toLowerCase(),
    attributes: [...rest!.matchAll(/\s([^\s=/>]+)(?:="([^"]*)")?/g)].map(
      ([, key, value]): [string, string] => [key!.toLowerCase(), value ?? ''],
    ),
  }));
}

/** The Lesson panel as the app renders it, for a loaded lesson and a check result. */
function renderLesson(lesson: Lesson, results: Array<{ ok: boolean; text: string }> = []): string {
  const noop = () => {};
  const props: LessonPanelProps = {
    workshopTitle: 'Workshop <script>alert(0)</script>',
    lessons: [{ id: lesson.id, title: lesson.meta.title, done: false }],
    current: { id: lesson.id, title: lesson.meta.title, goal: lesson.meta.goal, body: lesson.body },
    variants: Object.keys(lesson.meta.variants ?? {}),
    variant: null,
    onVariant: noop,
    checking: false,
    check: results.length === 0 ? null : { passed: false, results },
    onOpen: noop,
    onCheck: noop,
    onShowSolution: noop,
    onReset: noop,
    onClose: noop,
    onExportProgress: noop,
    onImportProgress: noop,
  };
  return renderToStaticMarkup(createElement(LessonPanel, props));
}

/** An attribute value as the browser reads it: entities decoded, the blanks a URL parser drops removed. */
function unescape(value: string): string {
  return (
    value
      .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
      .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      // eslint-disable-next-line no-control-regex -- URL parsers drop control characters, so must this
      .replace(/[\s\u0000-\u001f]/g, '')
  );
}

const SAFE_TAGS = new Set(
  'section header span button label input nav select option div h1 h2 h3 h4 h5 h6 p strong em a code pre img ul ol li blockquote hr br footer del table thead tbody tr th td'.split(
    ' ',
  ),
);

/** Fails if the markup could run script: unknown tags, on* handlers, script URLs, inline styles. */
function expectInert(html: string): void {
  for (const tag of tagsOf(html)) {
    expect(SAFE_TAGS.has(tag.name), `<${tag.name}>`).toBe(true);
    for (const [key, value] of tag.attributes) {
      expect(key).not.toMatch(/^on|^style$|^srcdoc$|^formaction$/);
      if (key === 'href' || key === 'src')
        expect(unescape(value)).not.toMatch(/^(javascript|vbscript|data):/i);
    }
  }
}

describe('hostile lessons: script in lesson text', () => {
  const body = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(2)>',
    '<a href="javascript:alert(3)">raw link</a>',
    '<div onclick="alert(4)" style="position:fixed">div</div>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg><script>alert(5)</script></svg>',
    '<style>body { display: none }</style>',
    '[plain](javascript:alert(6))',
    '[upper](JaVaScRiPt:alert(7))',
    '[entity](&#106;avascript:alert(8))',
    '[vb](vbscript:msgbox(9))',
    '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMCk8L3NjcmlwdD4=)',
    '![image](javascript:alert(11))',
    '<javascript:alert(12)>',
    '[ref][r]\n\n[r]: javascript:alert(13)',
    '`<script>alert(14)</script>` and\n\n```html\n<script>alert(15)</script>\n```',
    '[ok](https://example.com) [relative](./notes.md) [mail](mailto:a@example.com)',
  ].join('\n\n');
  const md = SAMPLE_LESSON_MD.replace('title: Hello', 'title: "<script>alert(16)</script>"')
    .replace('goal: Greet on stdout.', 'goal: "<img src=x onerror=alert(17)>"')
    .replace('Some words.', body);

  it('loads: script in the title, goal and body is just text to the loader', () => {
    const lesson = lessonOf({ '01-hello/lesson.md': md });
    expect(lesson.meta.title).toBe('<script>alert(16)</script>');
    expect(lesson.meta.goal).toBe('<img src=x onerror=alert(17)>');
    expect(lesson.body).toContain('<script>alert(1)</script>');
  });

  it('renders no script, no handlers and no script URLs, and keeps the safe links', () => {
    const html = renderLesson(lessonOf({ '01-hello/lesson.md': md }));
    expectInert(html);
    expect(html).not.toMatch(/<script|<iframe|<svg|<style|<img[^>]*onerror/i);
    expect(html).toContain('&lt;script&gt;alert(16)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(17)&gt;');
    const hrefs = tagsOf(html).flatMap((tag) =>
      tag.attributes.filter(([key]) => key === 'href').map(([, v]) => v),
    );
    expect(hrefs.filter((href) => href !== '')).toEqual([
      'https://example.com',
      './notes.md',
      'mailto:a@example.com',
    ]);
  });

  it('renders a check result quoting script-laden output as text', () => {
    const lesson = lessonOf({});
    const stdout = new TextEncoder().encode('<img src=x onerror=alert(1)><script>alert(2)</script>');
    const line = evaluate(
      { stdout: { equals: 'Hello' } },
      {
        result: fakeReport({ stdout }),
        before: {},
        after: {},
        setup: { run: 'quick', runFile: 'hello.c' },
      },
    );
    expect(line.ok).toBe(false);
    const html = renderLesson(lesson, [{ ok: false, text: line.text }]);
    expectInert(html);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;');
  });

  it('refuses unknown front-matter keys such as event handlers, and a variant named like markup', () => {
    expect(errorsOf(frontMatter('run: quick', 'run: quick\nonload: alert(1)'))).toEqual([
      `${WHERE}/lesson.md: (top level): Unrecognized key: "onload"`,
    ]);
    expect(
      errorsOf(
        frontMatter(
          'run: quick',
          'run: quick\nvariants: {"<script>": {run-file: hello.c, files-open: [hello.c]}}',
        ),
      ),
    ).toEqual([`${WHERE}/lesson.md: variants.<script>: Invalid key in record`]);
    expect(errorsOf(frontMatter('run: quick', 'run: quick\nview: "javascript:alert(1)"'))).toEqual([
      `${WHERE}/lesson.md: view: Invalid option: expected one of "manifest"|"meters"|"trace"|"report"|"files"|"job"|"preview"`,
    ]);
  });
});

describe('hostile lessons: malformed front matter', () => {
  it.each([
    ['no front matter', 'just text\n', 'no front matter: the file must begin with a line "---"'],
    [
      'front matter not closed',
      '---\ntitle: x\nbody text\n',
      'the front matter is not closed: end it with a line "---"',
    ],
    [
      'not YAML',
      '---\ntitle: [unclosed\n---\n',
      'front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 1, column 17',
    ],
    ['a list', '---\n- a\n---\nbody', '(top level): Invalid input: expected object, received array'],
    ['a scalar', '---\nhello\n---\nbody', '(top level): Invalid input: expected object, received string'],
    ['empty', '---\n\n---\nbody', '(top level): Invalid input: expected object, received null'],
    [
      'a __proto__ key',
      SAMPLE_LESSON_MD.replace('title: Hello', 'title: Hello\n__proto__: {run: job}'),
      '(top level): Unrecognized key: "__proto__"',
    ],
    [
      'a billion laughs',
      `---\n${['a: &a [lol, lol]', ...Array.from({ length: 30 }, (_, i) => `b${i}: &b${i} [${i === 0 ? '*a, *a' : `*b${i - 1}, *b${i - 1}`}]`)].join('\n')}\n---\n`,
      'front matter is not valid YAML: Excessive alias count indicates a resource exhaustion attack',
    ],
  ])('refuses %s', (_name, text, message) => {
    expect(errorsOf({ '01-hello/lesson.md': text })).toEqual([`${WHERE}/lesson.md: ${message}`]);
  });

  it.each([
    ['minutes: 5', 'minutes: "5"', 'minutes: Invalid input: expected number, received string'],
    ['minutes: 5', 'minutes: -1', 'minutes: Too small: expected number to be >0'],
    ['minutes: 5', 'minutes: .nan', 'minutes: Invalid input: expected number, received NaN'],
    ['title: Hello', 'title: [a, b]', 'title: Invalid input: expected string, received array'],
    ['title: Hello', 'title: ""', 'title: Too small: expected string to have >=1 characters'],
    ['run: quick', 'run: shell', 'run: Invalid option: expected one of "quick"|"manifest"|"job"'],
    [
      'files-open: [hello.c]',
      'files-open: hello.c',
      'files-open: Invalid input: expected array, received string',
    ],
    ['files-open: [hello.c]', 'files-open: []', 'files-open: Too small: expected array to have >=1 items'],
    [
      'files-open: [hello.c]',
      'files-open: [7]',
      'files-open[0]: Invalid input: expected string, received number',
    ],
  ])('refuses %s replaced by %s', (from, to, message) => {
    expect(errorsOf(frontMatter(from, to))).toEqual([`${WHERE}/lesson.md: ${message}`]);
  });
});

describe('hostile lessons: workshop.json and check.json of the wrong shape', () => {
  const workshopJson = (value: unknown) => ({
    'workshop.json': typeof value === 'string' ? value : JSON.stringify(value),
  });
  it.each([
    ['an array', [], '(top level): Invalid input: expected object, received array'],
    [
      'a number title',
      { title: 1, description: 'D', lessons: ['01-hello'] },
      'title: Invalid input: expected string, received number',
    ],
    [
      'lessons as a string',
      { title: 'T', description: 'D', lessons: '01-hello' },
      'lessons: Invalid input: expected array, received string',
    ],
    [
      'no lessons',
      { title: 'T', description: 'D', lessons: [] },
      'lessons: Too small: expected array to have >=1 items',
    ],
    [
      'a lesson folder that leaves',
      { title: 'T', description: 'D', lessons: ['../01-hello'] },
      'lessons[0]: a lesson folder name like "01-hello"',
    ],
    [
      'a lesson named __proto__',
      { title: 'T', description: 'D', lessons: ['__proto__'] },
      'lessons[0]: a lesson folder name like "01-hello"',
    ],
    [
      'an extra key',
      { title: 'T', description: 'D', lessons: ['01-hello'], script: '<script>' },
      '(top level): Unrecognized key: "script"',
    ],
    [
      'a __proto__ key',
      '{"title":"T","description":"D","lessons":["01-hello"],"__proto__":{"title":1}}',
      '(top level): Unrecognized key: "__proto__"',
    ],
  ])('refuses workshop.json with %s', (_name, value, message) => {
    expect(errorsOf(workshopJson(value))).toEqual([`workshops/w/workshop.json: ${message}`]);
  });

  it("refuses workshop.json that is not JSON, with the parser's words", () => {
    // Node 22 adds "(line 1 column 2)" to V8's message; Node 20 does not.
    expect(errorsOf(workshopJson('{'))).toEqual([
      expect.stringMatching(
        /^workshops\/w\/workshop\.json: not valid JSON: Expected property name or '}' in JSON at position 1/,
      ),
    ]);
  });

  it.each([
    ['not JSON', 'nope', 'not valid JSON: Unexpected token \'o\', "nope" is not valid JSON'],
    ['an array', '[]', '(top level): Invalid input: expected object, received array'],
    ['no requirements', '{"expect":[]}', 'expect: Too small: expected array to have >=1 items'],
    [
      'an unknown kind',
      '{"expect":[{"eval":"alert(1)"}]}',
      'expect[0]: needs one of "exit", "stdout", "stderr", "file", "channel", "manifest", "deterministic", "trace", "report", "job", "nodes" (not "eval")',
    ],
    [
      'a bad exit state',
      '{"expect":[{"exit":"pwned"}]}',
      'expect[0].exit: Invalid option: expected one of "ok"|"exit"|"quota"|"timeout"|"killed"|"memory"|"crash"|"refused"',
    ],
    [
      'a numeric text',
      '{"expect":[{"stdout":{"equals":1}}]}',
      'expect[0].stdout.equals: Invalid input: expected string, received number',
    ],
    [
      'a numeric hint',
      '{"expect":[{"exit":"ok","hint":5}]}',
      'expect[0].hint: Invalid input: expected string, received number',
    ],
    [
      'markup as an errno',
      '{"expect":[{"trace":{"call":"fd_read","errno":"<script>"}}]}',
      'expect[0].trace.errno: Invalid string: must match pattern /^E[A-Z0-9]+$|^SUCCESS$/',
    ],
    [
      'negative bounds',
      '{"expect":[{"channel":"/dev/stdout","writes":{"min":-1}}]}',
      'expect[0].writes.min: Too small: expected number to be >=0',
    ],
    [
      'a __proto__ key',
      '{"expect":[{"exit":"ok","__proto__":{"hint":"x"}}]}',
      'expect[0]: Unrecognized key: "__proto__"',
    ],
  ])('refuses check.json with %s', (_name, text, message) => {
    expect(errorsOf({ '01-hello/check.json': text })).toEqual([`${WHERE}/check.json: ${message}`]);
  });
});

describe('hostile lessons: file references that leave the lesson or name prototype members', () => {
  it.each([
    ['run-file: hello.c', 'run-file: ../hello.c', 'run-file: ../hello.c is not in start/'],
    ['run-file: hello.c', 'run-file: /etc/passwd', 'run-file: /etc/passwd is not in start/'],
    ['run-file: hello.c', 'run-file: start/hello.c', 'run-file: start/hello.c is not in start/'],
    ['run-file: hello.c', 'run-file: toString', 'run-file: toString is not in start/'],
    ['run-file: hello.c', 'run-file: __proto__', 'run-file: __proto__ is not in start/'],
    [
      'files-open: [hello.c]',
      'files-open: [../../etc/passwd]',
      'files-open[0]: ../../etc/passwd is in neither start/ nor solution/',
    ],
    [
      'files-open: [hello.c]',
      'files-open: [hello.c, constructor]',
      'files-open[1]: constructor is in neither start/ nor solution/',
    ],
    [
      'files-open: [hello.c]',
      'files-open: [hello.c]\nvariants: {c: {run-file: ../x.c, files-open: [hasOwnProperty]}}',
      'variants.c.run-file: ../x.c is not in start/',
    ],
  ])('refuses %s replaced by %s', (from, to, message) => {
    expect(errorsOf(frontMatter(from, to))[0]).toBe(`${WHERE}/lesson.md: ${message}`);
  });

  it.each([
    ['start/../../x.c', 'start/../../x.c: the path contains ".." (it would leave the project)'],
    ['start//x.c', 'start//x.c: the path is absolute (starts with "/")'],
    ['start/a//x.c', 'start/a//x.c: the path has an empty segment ("//" or a trailing "/")'],
    ['start/./x.c', 'start/./x.c: the path contains a "." segment'],
    ['start/a\\..\\x.c', 'start/a\\..\\x.c: the path contains "\\" (paths are separated by "/")'],
    ['solution/x\u0000.c', 'solution/x\u0000.c: the path contains a control character'],
  ])('refuses the lesson file %j', (path, message) => {
    expect(errorsOf({ [`01-hello/${path}`]: 'x' })).toEqual([`${WHERE}/${message}`]);
  });

  it('keeps a start file named like markup as a plain name', () => {
    const evil = '<img src=x onerror=alert(1)>.c';
    expect(Object.keys(lessonOf({ [`01-hello/start/${evil}`]: 'x' }).start).sort()).toEqual([
      evil,
      'hello.c',
    ]);
  });

  it('refuses binary and NUL-holding lesson files', () => {
    expect(errorsOf({ '01-hello/start/evil.wasm': 'x', '01-hello/start/x.txt': 'a\u0000b' })).toEqual([
      `${WHERE}/start/evil.wasm: only text files (.c .h .py .wat .manifest .nvram .json .txt .md) may be here`,
      `${WHERE}/start/x.txt: only text files (.c .h .py .wat .manifest .nvram .json .txt .md) may be here`,
    ]);
  });

  it('judges a check on ../ or a prototype member name as a missing project file', () => {
    const context = {
      result: fakeReport(),
      before: {},
      after: { 'out.txt': new TextEncoder().encode('x') },
      setup: { run: 'quick' as const, runFile: 'hello.c' },
    };
    const judge = (e: Expectation) => evaluate(e, context);
    expect(judge({ file: '../../etc/passwd', exists: true })).toEqual({
      ok: false,
      text: '../../etc/passwd is not in the project after the run, expected it to be',
    });
    expect(judge({ file: 'constructor', exists: false })).toEqual({
      ok: true,
      text: 'constructor is not in the project',
    });
    expect(judge({ file: 'toString', equals: 'x' })).toEqual({
      ok: false,
      text: 'toString is not in the project after the run',
    });
    expect(judge({ file: '__proto__', sha256: '0'.repeat(64) })).toEqual({
      ok: false,
      text: '__proto__ is not in the project after the run',
    });
  });
});

describe('hostile lessons: check regexes', () => {
  const REPEATS =
    'repeats a group that itself repeats or has alternatives, like (a+)+ or (a|b)*, which can take exponential time; use one repetition or a character class, like a+ or [ab]*';

  it.each([
    ['(a+)+$'],
    ['(a*)*b'],
    ['(a|a)*$'],
    ['(a|ab)*c'],
    ['^(\\d+ )+$'],
    ['((a+)b)+'],
    ['(?:x+y?)*z'],
    ['(?<word>\\w+\\s?)+$'],
    ['(.*a){12}'],
    ['(a+){2,}'],
    ['((ab)*)+'],
    ['(x+x+)+y'],
  ])('refuses the catastrophic regex %s when the lesson loads', (regex) => {
    expect(errorsOf(check({ stdout: { regex } }))).toEqual([
      `${WHERE}/check.json: expect[0].stdout.regex: the regex ${REPEATS}`,
    ]);
    expect(errorsOf(check({ exit: 'ok' }, { file: 'out.txt', regex }))).toEqual([
      `${WHERE}/check.json: expect[1].regex: the regex ${REPEATS}`,
    ]);
  });

  it.each([
    ['(', 'is not a valid regular expression (Invalid regular expression: /(/m: Unterminated group)'],
    [
      'a{2,1}',
      'is not a valid regular expression (Invalid regular expression: /a{2,1}/m: numbers out of order in {} quantifier)',
    ],
    ['x'.repeat(1001), 'is longer than 1000 characters'],
  ])('refuses the broken regex %s', (regex, problem) => {
    expect(errorsOf(check({ stderr: { regex } }))).toEqual([
      `${WHERE}/check.json: expect[0].stderr.regex: the regex ${problem}`,
    ]);
  });

  it.each([
    ['\\S'],
    ['(^|\\n) *50 total \\(3 mappers\\)'],
    ['^Hello, \\w+!$'],
    ['a+b+c*'],
    ['(ab)+'],
    ['(?:foo)+bar'],
    ['(a+)?'],
    ['(a+){1}'],
    ['[(a+)+]+'],
    ['\\(a+\\)+'],
    ['x{2,3}y{4}'],
    ['(?=a+)\\w+'],
    ['(a|b)c'],
    ['\\d+(\\.\\d+)?'],
  ])('takes the linear regex %s', (regex) => {
    expect(regexProblem(regex)).toBeNull();
    expect(checkSchema.safeParse({ expect: [{ stdout: { regex } }] }).success).toBe(true);
  });

  it('never throws deciding, and every regex it takes compiles', () => {
    const regexish = fc.stringMatching(/^[-a-z()[\]{}|*+?.^$\\,0-9:=!<>]{0,30}$/);
    fc.assert(
      fc.property(fc.oneof(regexish, fc.string({ maxLength: 30 })), (source) => {
        if (regexProblem(source) === null) expect(() => new RegExp(source, 'm')).not.toThrow();
      }),
      { numRuns: RUNS },
    );
  });
});

describe('hostile lessons: huge files', () => {
  it('loads a 4 MB lesson body and a 4 MB start file whole', () => {
    const words = 'word '.repeat(800_000);
    const lesson = lessonOf({
      '01-hello/lesson.md': SAMPLE_LESSON_MD.replace('Some words.', words),
      '01-hello/start/big.txt': words,
    });
    expect(lesson.body.length).toBe(words.length + 1);
    expect(lesson.start['big.txt']!.length).toBe(words.length);
  });

  it('says an unclosed front matter of 4 MB is not closed', () => {
    expect(errorsOf({ '01-hello/lesson.md': `---\n${'title: x\n'.repeat(500_000)}` })).toEqual([
      `${WHERE}/lesson.md: the front matter is not closed: end it with a line "---"`,
    ]);
  });
});

describe('lesson parsing properties', () => {
  // The yaml library warns on stderr about every unknown tag ("!x") it meets; fuzzing meets thousands.
  beforeAll(() => {
    vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it('splitFrontMatter never throws on arbitrary text', () => {
    const text = fc.oneof(
      fc.string(),
      fc.string().map((s) => `---\n${s}\n---\n`),
      fc.stringMatching(/^---\n[-a-z: [\]{}&*!|>"'\n]{0,60}\n---\n?$/),
    );
    fc.assert(
      fc.property(text, (t) => {
        const split = splitFrontMatter(t);
        if ('error' in split) expect(split.error).not.toBe('');
        else expect(typeof split.body).toBe('string');
      }),
      { numRuns: RUNS },
    );
  });

  it('loadWorkshop never throws on arbitrary check.json, workshop.json or lesson.md', () => {
    const json = fc.oneof(
      fc.json({ maxDepth: 3 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ expect: [v] })),
    );
    const file = fc.oneof(
      json.map((text) => ({ '01-hello/check.json': text })),
      json.map((text) => ({ 'workshop.json': text })),
      fc.string({ maxLength: 80 }).map((text) => ({ '01-hello/lesson.md': `---\n${text}\n---\n` })),
    );
    fc.assert(
      fc.property(file, (overrides) => {
        const loaded = loadWorkshop('w', textFiles(workshop(overrides)));
        for (const error of loaded.errors) expect(error).toMatch(/^workshops\/w\/\S+: ./);
        if (loaded.ok) expect(loaded.workshop.lessons).toHaveLength(1);
      }),
      { numRuns: 2000 },
    );
  });
});
