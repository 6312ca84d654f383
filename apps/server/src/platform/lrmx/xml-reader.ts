// A small, strict XML reader for flat exchange files such as LRMX. It knows no DTD at all: a DOCTYPE,
// ENTITY, ELEMENT, ATTLIST or NOTATION declaration is refused before reading, and only the five
// predefined entities and character references are expanded — so external entities (XXE) and entity
// expansion (billion laughs) cannot happen. Attributes are checked for form and then ignored.

export interface XmlElement {
  /** The name without a namespace prefix. */
  name: string;
  children: XmlElement[];
  /** The element's own character data (text and CDATA sections), line endings normalized as XML says. */
  text: string;
}

export class XmlReadError extends Error {
  constructor(
    readonly kind: 'dtd' | 'malformed',
    message: string,
  ) {
    super(message);
  }
}

/** Any markup declaration: the reader refuses them rather than ignoring them. */
const DECLARATION = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;
const NAME = /[A-Za-z_:\u00c0-\uffff][\w.\-:\u00b7-\uffff]*/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** Characters XML 1.0 does not allow in a document (C0 controls but tab and line ends, U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/** True for a code point XML 1.0 allows in a document. */
export function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

export interface XmlLimits {
  /** Elements nested in one another. */
  maxDepth: number;
  /** Elements in the whole document: a flat file of many tiny elements would otherwise cost ~100 B each. */
  maxElements: number;
}

/** The document element of an XML text (already decoded from UTF-8), within the limits. */
export function readXml(source: string, limits: XmlLimits): XmlElement {
  if (DECLARATION.test(source)) throw new XmlReadError('dtd', 'markup declaration');
  // End-of-line handling (XML 1.0 §2.11): CRLF and lone CR are read as LF; &#13; survives as CR.
  const s = source.replace(/\r\n?/g, '\n');
  if (NOT_XML_CHAR.test(s)) throw new XmlReadError('malformed', 'a character XML does not allow');
  let i = 0;
  const fail = (what: string): never => {
    const line = s.slice(0, i).split('\n').length;
    throw new XmlReadError('malformed', `${what} (line ${line})`);
  };
  const skipSpace = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(s);
    if (!m) return fail('a name was expected');
    i += m[0].length;
    return m[0];
  };
  const until = (end: string, what: string): string => {
    const at = s.indexOf(end, i);
    if (at < 0) return fail(`unterminated ${what}`);
    const body = s.slice(i, at);
    i = at + end.length;
    return body;
  };
  /** Text with references expanded: the predefined five and character references, nothing else. */
  const decode = (raw: string): string =>
    raw.replace(/&([^;&<\s]*);?/g, (whole, ref: string) => {
      if (!whole.endsWith(';')) return fail('an unterminated reference');
      if (ref in PREDEFINED) return PREDEFINED[ref]!;
      const m = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref);
      if (!m) return fail(`the undeclared entity &${ref};`);
      const cp = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
      if (!isXmlChar(cp)) return fail('a character reference to a character XML does not allow');
      return String.fromCodePoint(cp);
    });
  /** Comments and processing instructions (including the XML declaration) between markup. */
  const misc = (): boolean => {
    if (s.startsWith('<!--', i)) {
      i += 4;
      until('-->', 'comment');
      return true;
    }
    if (s.startsWith('<?', i)) {
      i += 2;
      until('?>', 'processing instruction');
      return true;
    }
    return false;
  };
  /** A start tag after its '<': the name, attributes (checked, ignored) and whether it is empty. */
  const startTag = (): { name: string; empty: boolean } => {
    const tag = name();
    const seen = new Set<string>();
    for (;;) {
      const before = i;
      skipSpace();
      if (s.startsWith('/>', i)) {
        i += 2;
        return { name: tag, empty: true };
      }
      if (s[i] === '>') {
        i++;
        return { name: tag, empty: false };
      }
      if (i === before) fail('a space was expected between attributes');
      const attr = name();
      if (seen.has(attr)) fail(`the attribute ${attr} twice`);
      seen.add(attr);
      skipSpace();
      if (s[i] !== '=') fail('= was expected');
      i++;
      skipSpace();
      const quote = s[i];
      if (quote !== '"' && quote !== "'") return fail('a quoted attribute value was expected');
      i++;
      const value = until(quote, 'attribute value');
      if (value.includes('<')) fail('< in an attribute value');
      decode(value);
    }
  };
  const local = (qualified: string) => qualified.slice(qualified.indexOf(':') + 1);

  // Prolog: the XML declaration, comments and processing instructions before the document element.
  for (;;) {
    skipSpace();
    if (!misc()) break;
  }
  if (s[i] !== '<') fail('the document element was expected');
  i++;
  const first = startTag();
  const root: XmlElement = { name: local(first.name), children: [], text: '' };
  let elements = 1;
  const stack: { qualified: string; el: XmlElement }[] = first.empty
    ? []
    : [{ qualified: first.name, el: root }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const lt = s.indexOf('<', i);
    if (lt < 0) fail(`the element ${top.qualified} is not closed`);
    const raw = s.slice(i, lt);
    if (raw.includes(']]>')) fail(']]> in text');
    top.el.text += decode(raw);
    i = lt;
    if (s.startsWith('<![CDATA[', i)) {
      i += 9;
      top.el.text += until(']]>', 'CDATA section');
    } else if (misc()) {
      continue;
    } else if (s.startsWith('</', i)) {
      i += 2;
      const closing = name();
      if (closing !== top.qualified) fail(`</${closing}> closes <${top.qualified}>`);
      skipSpace();
      if (s[i] !== '>') fail('> was expected');
      i++;
      stack.pop();
    } else if (s.startsWith('<!', i)) {
      fail('an unexpected declaration');
    } else {
      i++;
      const tag = startTag();
      const el: XmlElement = { name: local(tag.name), children: [], text: '' };
      if (++elements > limits.maxElements) fail('too many elements');
      top.el.children.push(el);
      if (!tag.empty) {
        if (stack.length >= limits.maxDepth) fail('elements nested too deep');
        stack.push({ qualified: tag.name, el });
      }
    }
  }
  for (;;) {
    skipSpace();
    if (!misc()) break;
  }
  if (i < s.length) fail('content after the document element');
  return root;
}
