// Splits the UTF-8 text of one top-level JSON object into its members — for each, the byte range
// of the key's string literal and of the value — without parsing the values. Only the top level is
// checked (braces, `"key": value` pairs, commas, nothing but whitespace after the object); whether
// a value is valid JSON is its caller's to check (JSON.parse of the slice, or bytes it knows to be
// a value already). Every byte looked for is ASCII, which never occurs inside a multi-byte UTF-8
// sequence, so the bytes need no decoding.

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const LBRACKET = 0x5b;
const BACKSLASH = 0x5c;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;

export interface MemberVisitor {
  /**
   * A member's key literal is bytes [keyStart, keyEnd) (quotes included) and its value starts at
   * valueStart. Answer where the value ends if its bytes are already known to be a value, `scan`
   * to have its end found, or `stop` to give up. A known end that is not followed by `,` or `}`
   * is not taken.
   */
  key(keyStart: number, keyEnd: number, valueStart: number): number | 'scan' | 'stop';
  /** The member's value is bytes [valueStart, valueEnd); false gives up. */
  value(valueStart: number, valueEnd: number): boolean;
}

/**
 * Visits the members of the object in `bytes` in order. False when the text is not one object
 * with well-formed top-level structure (torn, trailing junk, not an object) or the visitor gave up.
 */
export function scanObject(bytes: Uint8Array, visit: MemberVisitor): boolean {
  const n = bytes.length;
  let i = skipWhitespace(bytes, 0);
  if (bytes[i] !== LBRACE) return false;
  i = skipWhitespace(bytes, i + 1);
  if (bytes[i] === RBRACE) return skipWhitespace(bytes, i + 1) === n;
  for (;;) {
    if (bytes[i] !== QUOTE) return false;
    const keyStart = i;
    const keyEnd = stringEnd(bytes, i);
    if (keyEnd < 0) return false;
    i = skipWhitespace(bytes, keyEnd);
    if (bytes[i] !== COLON) return false;
    const valueStart = skipWhitespace(bytes, i + 1);
    const answer = visit.key(keyStart, keyEnd, valueStart);
    if (answer === 'stop') return false;
    let end = answer === 'scan' || answer < valueStart || answer > n ? -1 : answer;
    let next = end < 0 ? -1 : skipWhitespace(bytes, end);
    if (end < 0 || (bytes[next] !== COMMA && bytes[next] !== RBRACE)) {
      end = valueEnd(bytes, valueStart);
      if (end < 0) return false;
      next = skipWhitespace(bytes, end);
    }
    if (bytes[next] !== COMMA && bytes[next] !== RBRACE) return false;
    if (!visit.value(valueStart, end)) return false;
    if (bytes[next] === RBRACE) return skipWhitespace(bytes, next + 1) === n;
    i = skipWhitespace(bytes, next + 1);
  }
}

/** JSON's whitespace: exactly these four (JSON.parse rejects a BOM or a no-break space). */
function skipWhitespace(bytes: Uint8Array, i: number): number {
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b !== SPACE && b !== LF && b !== CR && b !== TAB) break;
    i++;
  }
  return i;
}

/** End (after the closing quote) of the string literal opening at `i`, or -1 if it does not close. */
export function stringEnd(bytes: Uint8Array, i: number): number {
  const n = bytes.length;
  for (let j = i + 1; j < n; j++) {
    const b = bytes[j];
    if (b === QUOTE) return j + 1;
    if (b === BACKSLASH) j++;
  }
  return -1;
}

/**
 * End of the value starting at `i`, found by nesting depth outside strings (bracket kinds are not
 * matched: a value that is not valid JSON fails its JSON.parse later), or -1 if it does not end.
 */
export function valueEnd(bytes: Uint8Array, i: number): number {
  const n = bytes.length;
  const first = bytes[i];
  if (first === QUOTE) return stringEnd(bytes, i);
  if (first === LBRACE || first === LBRACKET) {
    let depth = 0;
    while (i < n) {
      const b = bytes[i];
      if (b === QUOTE) {
        i = stringEnd(bytes, i);
        if (i < 0) return -1;
        continue;
      }
      i++;
      if (b === LBRACE || b === LBRACKET) depth++;
      else if ((b === RBRACE || b === RBRACKET) && --depth === 0) return i;
    }
    return -1;
  }
  // A number or literal: up to the next whitespace or member delimiter.
  const start = i;
  while (i < n) {
    const b = bytes[i];
    if (b === COMMA || b === RBRACE || b === SPACE || b === LF || b === CR || b === TAB) break;
    i++;
  }
  return i > start ? i : -1;
}
