// Build-time half of messages.ts (run by vite.config.ts, never shipped): turns a catalogue's ICU
// messages into the compact parts the browser formats without an ICU parser.
import { IntlMessageFormat } from 'intl-messageformat';
import type { Message, NumberOptions, Part } from './messages.js';

type Node = ReturnType<IntlMessageFormat['getAst']>[number];
export type Catalogue = { [key: string]: string | Catalogue };
export type CompiledCatalogue = { [key: string]: Message | CompiledCatalogue };

const FORMATS = IntlMessageFormat.formats;

function styleOf<T extends object>(style: unknown, named: Record<string, T>, fallback: T | null): T | null {
  if (typeof style === 'string') return named[style] ?? fallback;
  if (style && typeof style === 'object' && 'parsedOptions' in style) return (style as { parsedOptions: T }).parsedOptions;
  return fallback;
}

function compileNodes(nodes: Node[]): Message {
  const out: Part[] = [];
  for (const node of nodes) {
    let part: Part;
    switch (node.type) {
      case 0:
        part = node.value;
        break;
      case 1:
        part = [1, node.value];
        break;
      case 2:
        part = [2, node.value, styleOf<NumberOptions>(node.style, FORMATS.number, null)];
        break;
      case 3:
        part = [3, node.value, styleOf<Intl.DateTimeFormatOptions>(node.style, FORMATS.date, null)];
        break;
      case 4:
        part = [4, node.value, styleOf<Intl.DateTimeFormatOptions>(node.style, FORMATS.time, FORMATS.time.medium!)];
        break;
      case 5:
        part = [5, node.value, Object.fromEntries(Object.entries(node.options).map(([k, o]) => [k, compileNodes(o.value)]))];
        break;
      case 6:
        part = [
          6,
          node.value,
          Object.fromEntries(Object.entries(node.options).map(([k, o]) => [k, compileNodes(o.value)])),
          node.offset,
          node.pluralType === 'ordinal' ? 1 : 0,
        ];
        break;
      case 7:
        part = [7];
        break;
      default:
        // Tags are not parsed (ignoreTag), so no other node types occur.
        throw new Error(`unexpected ICU node ${JSON.stringify(node)}`);
    }
    const last = out[out.length - 1];
    if (typeof part === 'string' && typeof last === 'string') out[out.length - 1] = last + part;
    else out.push(part);
  }
  if (out.length === 0) return '';
  if (out.length === 1 && typeof out[0] === 'string') return out[0];
  return out;
}

/**
 * One message as i18next-icu treated it: parsed with tags as plain text; a message that does not
 * parse is shown as written.
 */
export function compileMessage(source: string, locale: string): Message {
  let ast: Node[];
  try {
    ast = new IntlMessageFormat(source, locale, undefined, { ignoreTag: true }).getAst();
  } catch {
    return source;
  }
  return compileNodes(ast);
}

export function compileCatalogue(catalogue: Catalogue, locale: string): CompiledCatalogue {
  return Object.fromEntries(
    Object.entries(catalogue).map(([key, value]) => [
      key,
      typeof value === 'string' ? compileMessage(value, locale) : compileCatalogue(value, locale),
    ]),
  );
}
