import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { JSONPath, Node, ParseError } from 'jsonc-parser';
import type { Diagnostic, Severity } from '../diagnostics.ts';
import { DiagnosticList } from '../manifest/diagnostic-list.ts';
import { JOB_LIMITS } from './job-schema.ts';
import type { TextSpan } from './types.ts';

// jsonc-parser (Microsoft's, from VS Code) gives every value its offset in the text, so a problem
// found in the parsed value can be pointed at where it was written, and syntax errors get positions
// that do not depend on the JS engine's JSON.parse wording.

/** JSON text parsed with the position of every value. */
export class JsonSource {
  /** The parsed value; undefined when the text is not JSON. */
  readonly value: unknown;
  private readonly root: Node | undefined;
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly text: string,
    private readonly out: JobDiagnostics,
  ) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    // A byte-order mark (Windows editors write one) becomes a space, so every offset stays where it was.
    const json = text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text;
    const tooDeep = firstTooDeep(json, JOB_LIMITS.depth);
    if (tooDeep !== undefined) {
      out.error(
        this.spanOf(tooDeep, 1),
        `the job nests arrays and objects more than ${JOB_LIMITS.depth} levels deep here; a job needs only a few`,
      );
      this.value = undefined;
      return;
    }
    const errors: ParseError[] = [];
    this.root = parseTree(json, errors, { disallowComments: true, allowTrailingComma: false });
    for (const e of errors.slice(0, 1)) {
      out.error(this.spanOf(e.offset, e.length), `the job is not valid JSON: ${syntaxMessage(e)}`);
    }
    this.value = errors.length === 0 && this.root ? getNodeValue(this.root) : undefined;
  }

  /** Where the value at `path` is written (the closest existing parent when it is missing). */
  at(path: JSONPath): TextSpan {
    for (let p = path; ; p = p.slice(0, -1)) {
      const node = this.root && findNodeAtLocation(this.root, p);
      if (node) return this.spanOf(node.offset, node.length);
      if (p.length === 0) return { line: 1, column: 1, endColumn: 2 };
    }
  }

  /** Where the key of the property at `path` is written (for unknown keys). */
  keyAt(path: JSONPath): TextSpan {
    const node = this.root && findNodeAtLocation(this.root, path);
    const key = node?.parent?.children?.[0];
    return key ? this.spanOf(key.offset, key.length) : this.at(path);
  }

  /** Turns an offset and length into a one-line span (cut at the end of the first line). */
  spanOf(offset: number, length: number): TextSpan {
    let line = 0;
    for (let lo = 0, hi = this.lineStarts.length - 1; lo <= hi;) {
      const mid = (lo + hi) >> 1;
      if (this.lineStarts[mid]! <= offset) {
        line = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const start = this.lineStarts[line]!;
    const lineEnd = (this.lineStarts[line + 1] ?? this.text.length + 1) - 1;
    const column = offset - start + 1;
    const end = Math.min(offset + Math.max(length, 1), Math.max(lineEnd, offset + 1));
    return { line: line + 1, column, endColumn: end - start + 1 };
  }
}

/** Collects a job's diagnostics, capped like the manifest's. */
export class JobDiagnostics {
  private readonly list = new DiagnosticList();
  private errors = 0;

  /** Records a problem at `at`. */
  add(severity: Severity, at: TextSpan, message: string): void {
    if (severity === 'error') this.errors++;
    this.list.add(severity, at.line, { text: '', column: at.column, endColumn: at.endColumn }, message);
  }

  /** Shorthand for an error. */
  error(at: TextSpan, message: string): void {
    this.add('error', at, message);
  }

  /** Shorthand for a warning. */
  warn(at: TextSpan, message: string): void {
    this.add('warning', at, message);
  }

  /** True once any error was recorded. */
  get failed(): boolean {
    return this.errors > 0;
  }

  /** The diagnostics in text order. */
  finish(): Diagnostic[] {
    return this.list.finish();
  }
}

/** Offset of the first `[` or `{` nested deeper than `limit`, skipping strings as jsonc-parser scans them. */
// jsonc-parser parses and builds values recursively, so a few thousand brackets would overflow the stack.
function firstTooDeep(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) {
      // A string ends at its closing quote or, unclosed, at a line break; a backslash escapes the next character.
      for (i++; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x5c) i++;
        else if (c === 0x22 || c === 0x0a || c === 0x0d) break;
      }
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > limit) return i;
    } else if (code === 0x5d || code === 0x7d) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

const SYNTAX: Record<string, string> = {
  InvalidSymbol:
    'this is not a JSON value (strings need "double quotes"; true, false and null are lowercase)',
  InvalidNumberFormat: 'this number is not written the JSON way',
  PropertyNameExpected: 'a "quoted" field name was expected here (a comma before } is not allowed in JSON)',
  ValueExpected: 'a value was expected here (a comma before ] is not allowed in JSON)',
  ColonExpected: 'a : was expected after the field name',
  CommaExpected: 'a comma was expected here, between two entries',
  CloseBraceExpected: 'a } was expected here, to close the object',
  CloseBracketExpected: 'a ] was expected here, to close the array',
  EndOfFileExpected: 'the text should end here: there is something after the closing bracket',
  InvalidCommentToken: 'JSON has no comments',
  UnexpectedEndOfComment: 'JSON has no comments',
  UnexpectedEndOfString: 'this string is never closed with a "',
  UnexpectedEndOfNumber: 'this number is cut short',
  InvalidUnicode: 'this \\u escape needs four hex digits',
  InvalidEscapeCharacter: 'this backslash escape is not one JSON knows (write \\\\ for a backslash)',
  InvalidCharacter: 'a control character (such as a tab or newline) must be escaped inside a string',
};

function syntaxMessage(error: ParseError): string {
  const code = printParseErrorCode(error.error);
  return SYNTAX[code] ?? code;
}
