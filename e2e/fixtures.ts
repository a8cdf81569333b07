import { expect, test as base } from '@playwright/test';

/** A `securitypolicyviolation` event seen in a page or frame of the test's browser context. */
export interface CspViolation {
  /** The directive that refused (`script-src-elem`, `connect-src`, …). */
  directive: string;
  /** What was refused: a URL, `inline` or `eval`. */
  blocked: string;
  /** The document it happened in. */
  page: string;
  /** Where the refused code was, when known. */
  source: string;
  sample: string;
}

declare global {
  interface Window {
    __zvmCspViolation?: (violation: CspViolation) => Promise<void>;
  }
}

/**
 * The tests' `test` and `expect`: every spec imports them from here, not from '@playwright/test'. Each test
 * fails if any page or frame of its context reports a Content-Security-Policy violation; a test that causes
 * one on purpose reads and empties `cspViolations`.
 */
export const test = base.extend<{ cspViolations: CspViolation[] }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations: CspViolation[] = [];
      await context.exposeBinding('__zvmCspViolation', (_source, violation: CspViolation) => {
        violations.push(violation);
      });
      await context.addInitScript(() => {
        const report = (event: Event) => {
          const e = event as SecurityPolicyViolationEvent;
          void window.__zvmCspViolation?.({
            directive: e.effectiveDirective,
            blocked: e.blockedURI,
            page: location.href,
            source: `${e.sourceFile}:${e.lineNumber}`,
            sample: e.sample,
          });
        };
        addEventListener('securitypolicyviolation', report, true);
      });
      await use(violations);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
