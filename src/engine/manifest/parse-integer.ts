/** The outcome of parsing a ZeroVM integer: the value, or a reason a beginner can act on. */
export type IntegerResult = { ok: true; value: number } | { ok: false; reason: string };

const DECIMAL = /^[0-9]+$/;
const OCTAL = /^[0-7]+$/;
const HEX = /^[0-9a-fA-F]+$/;
const MAX_QUOTED = 40;

/** Quotes a token for a message, shortening very long ones so messages stay readable. */
export function quoteToken(text: string): string {
  return text.length > MAX_QUOTED ? `'${text.slice(0, MAX_QUOTED)}…'` : `'${text}'`;
}

/** Parses a ZeroVM integer like strtoll base 0: decimal, octal (leading 0) or hex (0x), optionally signed. */
export function parseInteger(text: string): IntegerResult {
  if (text === '') return { ok: false, reason: 'a number is missing' };
  const signed = text.startsWith('-') || text.startsWith('+');
  const body = signed ? text.slice(1) : text;
  let digits = body;
  let radix = 10;
  if (/^0[xX]/.test(body)) {
    digits = body.slice(2);
    radix = 16;
    if (digits === '') return { ok: false, reason: `${quoteToken(text)} has no hex digits after 0x` };
    if (!HEX.test(digits)) return { ok: false, reason: `${quoteToken(text)} is not a valid hex number` };
  } else if (body.length > 1 && body.startsWith('0')) {
    digits = body.slice(1);
    radix = 8;
    if (DECIMAL.test(digits) && !OCTAL.test(digits)) {
      return {
        ok: false,
        reason: `${quoteToken(text)} starts with 0, which makes it octal, and octal has no digits 8 or 9`,
      };
    }
    if (!OCTAL.test(digits)) return { ok: false, reason: notANumber(text) };
  } else if (!DECIMAL.test(digits)) {
    return { ok: false, reason: notANumber(text) };
  }
  const magnitude = radix === 10 ? Number(digits) : parseInt(digits, radix);
  // Refuse rather than round: a rounded limit would silently differ from what the author wrote.
  if (magnitude > Number.MAX_SAFE_INTEGER) {
    return {
      ok: false,
      reason: `${quoteToken(text)} is too large (the largest number accepted is ${Number.MAX_SAFE_INTEGER})`,
    };
  }
  // Avoid -0, which would print as 0 but compare differently in tests and hashes.
  return { ok: true, value: text.startsWith('-') && magnitude !== 0 ? -magnitude : magnitude };
}

function notANumber(text: string): string {
  return `${quoteToken(text)} is not a whole number (write it like 1024, 0x400 in hex or 02000 in octal)`;
}
