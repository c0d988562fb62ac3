/**
 * Python's ast.literal_eval, for what NumPy reads a .npy header with: the syntax of Python 3.11
 * expressions as far as literals go (numbers of every base and form, strings with every prefix,
 * escape and implicit concatenation, tuples, lists, sets, dicts, True/False/None, comments,
 * line continuations), and nothing evaluated. A text literal_eval refuses is refused, with the
 * reason. test/fixtures/headers/corpus.json holds what NumPy itself made of a few hundred
 * headers; the header parser's tests hold this one to it.
 */

/** Integers are exact (bigint); floats are numbers. */
export type PyValue =
  bigint | number | string | boolean | null | PyBytes | PyComplex | PyEllipsis | PyValue[] | PyTuple | PySet | PyDict;
export class PyTuple {
  constructor(readonly items: PyValue[]) {}
}
class PySet {
  constructor(readonly items: PyValue[]) {}
}
/** Keys as Python compares them: strings by their text, other keys by their printed form. */
export class PyDict {
  constructor(readonly entries: Map<string | bigint | number | boolean | null, PyValue>) {}
}
class PyBytes {
  constructor(readonly text: string) {}
}
class PyComplex {
  constructor(
    readonly real: number,
    readonly imag: number,
  ) {}
}
class PyEllipsis {}

export class PyLiteralError extends Error {}

interface LiteralOptions {
  /**
   * Drop a name `L` right after a number: NumPy retries a version 1.0 or 2.0 header that is not
   * valid Python so (Python 2 wrote `3L` for a long), and only then.
   */
  python2Longs?: boolean;
}

/** Deeper nesting than any header needs; it would otherwise exhaust the stack. */
const MAX_DEPTH = 64;

export function parsePyLiteral(text: string, options: LiteralOptions = {}): PyValue {
  // literal_eval strips leading spaces and tabs (not newlines) before it parses.
  const tokens = tokenize(text.replace(/^[ \t]+/, ''), options.python2Longs === true);
  const parser = new Parser(tokens);
  const value = parser.expression();
  parser.expectEnd();
  return value;
}

type Token =
  | { kind: 'number'; value: bigint | number | PyComplex; at: number }
  | { kind: 'string'; value: string; bytes: boolean; format: boolean; at: number }
  | { kind: 'name'; value: string; at: number }
  | { kind: 'op'; value: string; at: number }
  | { kind: 'end'; at: number };

function fail(what: string, at: number): never {
  throw new PyLiteralError(`${what} at character ${at}`);
}

const DIGITS = { x: /[0-9a-fA-F]/, o: /[0-7]/, b: /[01]/, d: /[0-9]/ };

/** Python's tokenizer, for one expression: its tokens; a line after the expression that holds anything is refused. */
function tokenize(text: string, python2Longs: boolean): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let depth = 0;
  let lineStart = true;
  let ended = false; // a NEWLINE ended the expression: only blank lines and comments may follow
  let afterNumber = false; // the last token is a number (a newline or comment in between resets it)
  const identifierChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);
  while (i < text.length) {
    const c = text[i];
    if (lineStart && depth === 0) {
      const line = lineStartAt(text, i);
      i = line.next;
      if (line.blank) continue;
      if (line.column > 0) fail('unexpected indent', i);
      if (ended) fail('text after the literal', i);
      lineStart = false;
      continue;
    }
    const wasAfterNumber: boolean = afterNumber;
    afterNumber = false;
    if (c === ' ' || c === '\t' || c === '\f' || c === '\\') afterNumber = wasAfterNumber;
    if (c === ' ' || c === '\t' || c === '\f') i++;
    else if (c === '#') while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    else if (c === '\n' || c === '\r') {
      i += text.startsWith('\r\n', i) ? 2 : 1;
      if (depth === 0) {
        ended = true;
        lineStart = true;
      }
    } else if (c === '\\') {
      if (text[i + 1] === '\n') i += 2;
      else if (text.startsWith('\r\n', i + 1)) i += 3;
      else if (text[i + 1] === '\r') i += 2;
      else fail('unexpected character after line continuation character', i);
      if (i >= text.length) fail('unexpected end of the text after a line continuation', i);
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const { value, end } = number(text, i, python2Longs);
      tokens.push({ kind: 'number', value, at: i });
      i = end;
      afterNumber = true;
      if (!python2Longs && identifierChar(text[i])) fail('invalid decimal literal', i);
    } else if (/[A-Za-z_]/.test(c)) {
      const { token, end } = nameAt(text, i);
      // NumPy's retry (its _filter_header) drops a name L that follows a number token.
      if (!(python2Longs && token.kind === 'name' && token.value === 'L' && wasAfterNumber)) tokens.push(token);
      i = end;
    } else if (c === "'" || c === '"') {
      const s = string(text, i, '');
      tokens.push({ kind: 'string', value: s.value, bytes: false, format: false, at: i });
      i = s.end;
    } else if (text.startsWith('...', i)) {
      tokens.push({ kind: 'op', value: '...', at: i });
      i += 3;
    } else if (text.startsWith('**', i)) {
      tokens.push({ kind: 'op', value: '**', at: i });
      i += 2;
    } else if ('{}()[],:+-*./%<>=!~^&|@;'.includes(c)) {
      if ('([{'.includes(c)) depth++;
      if (')]}'.includes(c) && --depth < 0) fail(`unmatched '${c}'`, i);
      tokens.push({ kind: 'op', value: c, at: i });
      i++;
    } else
      fail(
        c.charCodeAt(0) < 32 || c.charCodeAt(0) > 126
          ? `invalid character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
          : `invalid character '${c}'`,
        i,
      );
  }
  if (depth > 0) fail('unexpected end of the text inside brackets', text.length);
  tokens.push({ kind: 'end', at: text.length });
  return tokens;
}

/**
 * At the start of a line outside brackets: a blank or comment line is skipped whole (`next`
 * is the next line's start); otherwise `next` is its first character and `column` its indent.
 */
function lineStartAt(text: string, i: number): { next: number; blank: boolean; column: number } {
  let column = 0;
  while (i < text.length && /[ \t\f]/.test(text[i])) column = text[i++] === '\f' ? 0 : column + 1;
  if (i < text.length && text[i] !== '\n' && text[i] !== '\r' && text[i] !== '#')
    return { next: i, blank: false, column };
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (i < text.length) i += text.startsWith('\r\n', i) ? 2 : 1;
  return { next: i, blank: true, column };
}

/** A name at `i`, or a string with its prefix (r, u, b, f and their pairs); and where it ends. */
function nameAt(text: string, i: number): { token: Token; end: number } {
  let end = i;
  while (/[A-Za-z0-9_]/.test(text[end] ?? '')) end++;
  const word = text.slice(i, end);
  if ((text[end] === "'" || text[end] === '"') && /^(r|u|b|br|rb|f|fr|rf)$/i.test(word)) {
    const prefix = word.toLowerCase();
    const s = string(text, end, prefix);
    return {
      token: { kind: 'string', value: s.value, bytes: prefix.includes('b'), format: prefix.includes('f'), at: i },
      end: s.end,
    };
  }
  return { token: { kind: 'name', value: word, at: i }, end };
}

/**
 * A number literal at `start`: integers of every base (underscores between digits, no leading
 * zeros in decimal), floats, imaginary numbers. With `python2Longs`, as Python's pure tokenizer
 * scans them (a leading-zero decimal splits into two numbers, which the parser then refuses).
 */
function number(
  text: string,
  start: number,
  python2Longs: boolean,
): { value: bigint | number | PyComplex; end: number } {
  const digitsOf = (from: number, kind: keyof typeof DIGITS): number => {
    let i = from;
    if (!DIGITS[kind].test(text[i] ?? '')) return from;
    i++;
    for (;;) {
      if (DIGITS[kind].test(text[i] ?? '')) i++;
      else if (text[i] === '_' && DIGITS[kind].test(text[i + 1] ?? '')) i += 2;
      else return i;
    }
  };
  const prefix = /^0([xXoObB])/.exec(text.slice(start, start + 2));
  if (prefix) {
    const kind = prefix[1].toLowerCase() as 'x' | 'o' | 'b';
    const end = digitsOf(start + 2, kind);
    if (end === start + 2)
      fail(`invalid ${kind === 'x' ? 'hexadecimal' : kind === 'o' ? 'octal' : 'binary'} literal`, start);
    return { value: BigInt(`0${kind}${text.slice(start + 2, end).replace(/_/g, '')}`), end };
  }
  let end = digitsOf(start, 'd');
  const integerEnd = end;
  let isFloat = false;
  if (text[end] === '.') {
    isFloat = true;
    end = digitsOf(end + 1, 'd');
  }
  if (/[eE]/.test(text[end] ?? '')) {
    const sign = /[+-]/.test(text[end + 1] ?? '') ? 1 : 0;
    const expEnd = digitsOf(end + 1 + sign, 'd');
    if (expEnd > end + 1 + sign) {
      isFloat = true;
      end = expEnd;
    } else if (!python2Longs) fail('invalid decimal literal', end);
  }
  const literal = text.slice(start, end).replace(/_/g, '');
  if (/[jJ]/.test(text[end] ?? '')) return { value: new PyComplex(0, Number(literal)), end: end + 1 };
  if (isFloat) return { value: Number(literal), end };
  if (/^0+$/.test(literal) || !literal.startsWith('0')) return { value: BigInt(literal), end: integerEnd };
  // 03: Python 3 refuses leading zeros; its pure tokenizer (NumPy's retry) reads 0, then 3.
  if (!python2Longs) fail('leading zeros in decimal integer literals are not permitted', start);
  return { value: 0n, end: start + 1 };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/**
 * A string literal whose quote is at `start`, with its prefix's letters (lower case). The
 * characters \N{…} names are those of ASCII's printable characters: any other name stands for
 * a character no key or dtype holds (U+FFFD), so the verdict on the header is the same.
 */
function string(text: string, start: number, prefix: string): { value: string; end: number } {
  const quote = text.startsWith(text[start].repeat(3), start) ? text[start].repeat(3) : text[start];
  const raw = prefix.includes('r');
  const bytes = prefix.includes('b');
  let i = start + quote.length;
  let out = '';
  for (;;) {
    if (i >= text.length) fail('unterminated string literal', start);
    if (text.startsWith(quote, i)) break;
    const c = text[i];
    if ((c === '\n' || c === '\r') && quote.length === 1) fail('unterminated string literal', start);
    if (bytes && c.charCodeAt(0) > 127) fail('bytes can only contain ASCII literal characters', i);
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined) fail('unterminated string literal', start);
    if (raw) {
      out += c + next; // a raw string keeps the backslash (and the quote it shields)
      i += 2;
      continue;
    }
    if (next === '\n' || next === '\r') {
      i += text.startsWith('\r\n', i + 1) ? 3 : 2; // a continued line
      continue;
    }
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i += 2;
      continue;
    }
    const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4));
    if (octal) {
      out += String.fromCharCode(parseInt(octal[0], 8));
      i += 1 + octal[0].length;
      continue;
    }
    const wide = !bytes && (next === 'u' ? 4 : next === 'U' ? 8 : 0);
    if (next === 'x' || wide) {
      const count = next === 'x' ? 2 : (wide as number);
      const hex = text.slice(i + 2, i + 2 + count);
      if (!new RegExp(`^[0-9a-fA-F]{${count}}$`).test(hex)) fail(`truncated \\${next} escape`, i);
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) fail('illegal Unicode character', i);
      out += String.fromCodePoint(code);
      i += 2 + count;
      continue;
    }
    if (next === 'N' && !bytes) {
      const name = /^\{([^}]*)\}/.exec(text.slice(i + 2))?.[1];
      if (name === undefined) fail('malformed \\N character escape', i);
      out += unicodeName(name);
      i += 4 + name.length;
      continue;
    }
    out += c + next; // an unknown escape stays as written (Python warns, and keeps it)
    i += 2;
  }
  return { value: out, end: i + quote.length };
}

const ASCII_NAMES: Record<string, string> = {
  SPACE: ' ',
  'EXCLAMATION MARK': '!',
  'QUOTATION MARK': '"',
  'NUMBER SIGN': '#',
  'DOLLAR SIGN': '$',
  'PERCENT SIGN': '%',
  AMPERSAND: '&',
  APOSTROPHE: "'",
  'LEFT PARENTHESIS': '(',
  'RIGHT PARENTHESIS': ')',
  ASTERISK: '*',
  'PLUS SIGN': '+',
  COMMA: ',',
  'HYPHEN-MINUS': '-',
  'FULL STOP': '.',
  SOLIDUS: '/',
  COLON: ':',
  SEMICOLON: ';',
  'LESS-THAN SIGN': '<',
  'EQUALS SIGN': '=',
  'GREATER-THAN SIGN': '>',
  'QUESTION MARK': '?',
  'COMMERCIAL AT': '@',
  'LEFT SQUARE BRACKET': '[',
  'REVERSE SOLIDUS': '\\',
  'RIGHT SQUARE BRACKET': ']',
  'CIRCUMFLEX ACCENT': '^',
  'LOW LINE': '_',
  'GRAVE ACCENT': '`',
  'LEFT CURLY BRACKET': '{',
  'VERTICAL LINE': '|',
  'RIGHT CURLY BRACKET': '}',
  TILDE: '~',
};
const DIGIT_NAMES = ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE'];

function unicodeName(name: string): string {
  const upper = name.toUpperCase();
  if (upper in ASCII_NAMES) return ASCII_NAMES[upper];
  const digit = /^DIGIT (\w+)$/.exec(upper);
  if (digit && DIGIT_NAMES.includes(digit[1])) return String(DIGIT_NAMES.indexOf(digit[1]));
  const letter = /^LATIN (SMALL|CAPITAL) LETTER ([A-Z])$/.exec(upper);
  if (letter) return letter[1] === 'SMALL' ? letter[2].toLowerCase() : letter[2];
  return '\ufffd';
}

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private isOp(value: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.value === value;
  }

  /** The sign at the cursor, if any. */
  private sign(): -1 | 1 | undefined {
    const t = this.peek();
    return t.kind === 'op' && (t.value === '+' || t.value === '-') ? (t.value === '-' ? -1 : 1) : undefined;
  }

  private take(value: string): void {
    if (!this.isOp(value)) fail(`expected '${value}'`, this.peek().at);
    this.pos++;
  }

  expectEnd(): void {
    if (this.peek().kind !== 'end') fail('text after the literal', this.peek().at);
  }

  /** A literal, where Python's grammar has an expression: anything else is refused as literal_eval refuses it. */
  expression(): PyValue {
    const start = this.peek();
    const value = this.term();
    // complex: a real number plus or minus an imaginary one (1+2j)
    const sign = this.sign();
    if (sign !== undefined) {
      this.pos++;
      const right = this.peek();
      if (typeof value !== 'bigint' && typeof value !== 'number')
        fail('malformed node: only a real number may be added to an imaginary one', start.at);
      if (right.kind !== 'number' || !(right.value instanceof PyComplex))
        fail('malformed node: only an imaginary number may be added to a real one', right.at);
      this.pos++;
      return new PyComplex(Number(value), sign * right.value.imag);
    }
    if (!this.atBoundary()) fail('malformed node: not a literal', this.peek().at);
    return value;
  }

  /** Whether what follows ends an expression (a separator, a closing bracket, the end). */
  private atBoundary(): boolean {
    const t = this.peek();
    return t.kind === 'end' || (t.kind === 'op' && [',', ':', ')', ']', '}'].includes(t.value));
  }

  /** A signed number (one sign, on a number: parentheses around it are no node, another sign is) or an atom. */
  private term(): PyValue {
    const sign = this.sign();
    if (sign === undefined) return this.atom();
    this.pos++;
    let parens = 0;
    while (this.isOp('(')) {
      parens++;
      this.pos++;
    }
    const t = this.peek();
    if (t.kind !== 'number') fail('malformed node: a sign on something other than a number', t.at);
    this.pos++;
    for (; parens > 0; parens--) this.take(')');
    const v = t.value;
    if (sign > 0) return v;
    return typeof v === 'bigint' ? -v : typeof v === 'number' ? -v : new PyComplex(-v.real, -v.imag);
  }

  private atom(): PyValue {
    const t = this.peek();
    if (t.kind === 'number') {
      this.pos++;
      return t.value;
    }
    if (t.kind === 'string') return this.strings();
    if (t.kind === 'name') {
      this.pos++;
      if (t.value === 'True') return true;
      if (t.value === 'False') return false;
      if (t.value === 'None') return null;
      const after = this.tokens[this.pos + 1];
      if (t.value === 'set' && this.isOp('(') && after.kind === 'op' && after.value === ')') {
        this.pos += 2;
        return new PySet([]);
      }
      return fail(`malformed node: the name ${t.value}`, t.at);
    }
    if (t.kind === 'op' && t.value === '...') {
      this.pos++;
      return new PyEllipsis();
    }
    if (t.kind === 'op' && '([{'.includes(t.value)) {
      if (++this.depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH}`, t.at);
      const value = t.value === '(' ? this.parenthesised() : t.value === '[' ? this.items(']').items : this.braces();
      this.depth--;
      return value;
    }
    return fail(t.kind === 'end' ? 'unexpected end of the text' : `unexpected '${String(t.value)}'`, t.at);
  }

  /** Adjacent string literals, joined: all text or all bytes; an f-string is not a literal. */
  private strings(): PyValue {
    let text = '';
    let bytes: boolean | undefined;
    let format = false;
    for (let t = this.peek(); t.kind === 'string'; t = this.peek()) {
      if (bytes !== undefined && bytes !== t.bytes) fail('cannot mix bytes and nonbytes literals', t.at);
      bytes = t.bytes;
      format ||= t.format;
      text += t.value;
      this.pos++;
    }
    if (format) fail('malformed node: an f-string', this.peek().at);
    return bytes ? new PyBytes(text) : text;
  }

  /** Comma-separated items up to `close`, a trailing comma allowed; with whether any comma was seen. */
  private items(close: string): { items: PyValue[]; comma: boolean } {
    this.pos++;
    const items: PyValue[] = [];
    let comma = false;
    while (!this.isOp(close)) {
      items.push(this.expression());
      if (this.isOp(',')) {
        comma = true;
        this.pos++;
      } else if (!this.isOp(close)) fail(`expected ',' or '${close}'`, this.peek().at);
    }
    this.pos++;
    return { items, comma };
  }

  private parenthesised(): PyValue {
    const { items, comma } = this.items(')');
    // (3) is 3; (3,) and () are tuples.
    return items.length === 1 && !comma ? items[0] : new PyTuple(items);
  }

  private braces(): PyValue {
    const open = this.peek();
    this.pos++;
    if (this.isOp('}')) {
      this.pos++;
      return new PyDict(new Map());
    }
    const first = this.expression();
    if (!this.isOp(':')) {
      // A set: {a, b}
      const items: PyValue[] = [first];
      while (this.isOp(',')) {
        this.pos++;
        if (this.isOp('}')) break;
        items.push(this.expression());
      }
      this.take('}');
      return new PySet(items);
    }
    const entries = new Map<string | bigint | number | boolean | null, PyValue>();
    let key = first;
    for (;;) {
      this.take(':');
      entries.set(dictKey(key, open.at), this.expression());
      if (this.isOp(',')) this.pos++;
      if (this.isOp('}')) break;
      const previous = this.tokens[this.pos - 1];
      if (previous.kind !== 'op' || previous.value !== ',') fail("expected ',' or '}'", this.peek().at);
      key = this.expression();
    }
    this.pos++;
    return new PyDict(entries);
  }
}

/** A dict key as Python hashes it: 1, 1.0 and True are one key; a list or dict is no key at all. */
function dictKey(key: PyValue, at: number): string | bigint | number | boolean | null {
  if (typeof key === 'string' || key === null) return key;
  if (typeof key === 'boolean') return key ? 1n : 0n;
  if (typeof key === 'bigint') return key;
  if (typeof key === 'number') return Number.isInteger(key) ? BigInt(key) : key;
  if (key instanceof PyBytes || key instanceof PyComplex || key instanceof PyEllipsis || key instanceof PyTuple)
    return `\u0000${JSON.stringify(describe(key))}`;
  return fail('unhashable type used as a dict key', at);
}

function describe(value: PyValue): unknown {
  if (value instanceof PyTuple) return value.items.map(describe);
  if (value instanceof PyBytes) return ['bytes', value.text];
  if (value instanceof PyComplex) return ['complex', value.real, value.imag];
  if (typeof value === 'bigint') return String(value);
  return value instanceof PyEllipsis ? '...' : value;
}
