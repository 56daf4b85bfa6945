/**
 * Builds lib/data/flink-options.json, the option catalog the configuration linter and the migration
 * use to tell a known option from a typo or an unknown key. Facts only (key, type, default), read
 * from the projects' own generated option tables; nothing here is typed by hand.
 *
 * Usage: npx tsx scripts/flink-option-catalog.ts <input-dir> [output-file]
 *
 * <input-dir> holds (kept out of the repository; about 1.6 MB):
 *   flink/*.html       apache/flink docs/layouts/shortcodes/generated/*.html (Flink's ConfigOption tables,
 *                      written by flink-docs' ConfigOptionsDocGenerator)
 *   operator/<tag>/*.html
 *                      apache/flink-kubernetes-operator docs/layouts/shortcodes/generated/*.html, one folder
 *                      per operator release the library targets (the union is taken)
 *   statefun/*.java    kzmlabs/flink-statefun StatefulFunctionsConfig.java (StateFun's ConfigOptions; the fork
 *                      generates no HTML table)
 *   sources.txt        one line per input: what was read, from which repository and commit (copied into
 *                      the output so the data names its origin)
 *
 * e.g. with git checkouts of the three repositories:
 *   git -C flink show release-2.2:docs/layouts/shortcodes/generated/<file> > in/flink/<file>
 */
import * as fs from 'fs';
import * as path from 'path';

/** One option: key (placeholders such as `<name>` kept), type as the table names it, default (null: none). */
type Row = [key: string, type: string, defaultValue: string | null];

function decode(html: string): string {
  return html
    .replace(/<br\s*\/?>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The rows of one generated table: Key, Default, Type, Description (the operator adds no other column). */
function parseHtmlTable(html: string, file: string): Row[] {
  const rows: Row[] = [];
  for (const tr of html.split(/<tr>/).slice(1)) {
    const cells = [...tr.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]);
    if (cells.length < 3) continue;
    const key = /<h5>([\s\S]*?)<\/h5>/.exec(cells[0]);
    if (!key) throw new Error(`${file}: a row without a <h5> key: ${cells[0]}`);
    const def = decode(cells[1]);
    rows.push([decode(key[1]), decode(cells[2]), def === '(none)' ? null : def]);
  }
  return rows;
}

const JAVA_TYPES: Record<string, string> = {
  stringType: 'String',
  intType: 'Integer',
  longType: 'Long',
  booleanType: 'Boolean',
  doubleType: 'Double',
  floatType: 'Float',
  memoryType: 'MemorySize',
  durationType: 'Duration',
  mapType: 'Map',
};

/** `ConfigOptions.key("…").<type>()…defaultValue(…)` declarations of a Java source file. */
function parseJavaOptions(java: string, file: string): Row[] {
  const rows: Row[] = [];
  const constants: Record<string, string> = {};
  for (const m of java.matchAll(/static final String (\w+)\s*=\s*"([^"]*)"/g)) constants[m[1]] = m[2];
  for (const m of java.matchAll(/ConfigOptions\.key\(([^)]*)\)\s*\.(\w+)\(([^)]*)\)\s*\.(defaultValue\(([\s\S]*?)\)\s*\.withDescription|noDefaultValue\(\))/g)) {
    const key = m[1].split('+').map((part) => {
      const p = part.trim();
      if (p.startsWith('"')) return p.slice(1, -1);
      if (!(p in constants)) throw new Error(`${file}: unresolved key part ${p}`);
      return constants[p];
    }).join('');
    const type = m[2] === 'enumType' ? 'Enum' : JAVA_TYPES[m[2]];
    if (!type) throw new Error(`${file}: unknown option type ${m[2]} for ${key}`);
    let def: string | null = null;
    if (m[5] !== undefined) {
      const raw = m[5].trim();
      const mem = /^MemorySize\.ofMebiBytes\((\d+)\)$/.exec(raw);
      const product = /^(\d+)\s*\*\s*(\d+)$/.exec(raw);
      def = raw.startsWith('"') ? raw.slice(1, -1)
        : mem ? `${mem[1]} mb`
          : product ? String(Number(product[1]) * Number(product[2]))
            : raw.replace(/^\w+\./, '');
    }
    rows.push([key, type, def]);
  }
  return rows;
}

/**
 * Tables whose keys are not cluster configuration keys but relative to a prefix or a statement the table does
 * not state: the SQL gateway's REST endpoint options, and the options of CREATE MODEL / ML_PREDICT /
 * VECTOR_SEARCH (e.g. `api-key`, `async`).
 */
const RELATIVE_KEY_TABLES = [
  'sql_gateway_rest_configuration.html', 'ml_predict_runtime_config_configuration.html', 'vector_search_runtime_config_configuration.html',
  'model_openai_chat_section.html', 'model_openai_common_section.html', 'model_openai_embedding_section.html', 'openai_configuration.html',
];

function filesIn(dir: string, ext: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return filesIn(p, ext);
    return e.name.endsWith(ext) && !e.name.endsWith(`_zh${ext}`) && !RELATIVE_KEY_TABLES.includes(e.name) ? [p] : [];
  }).sort();
}

function main(): void {
  const [input, output = path.join(__dirname, '..', 'lib', 'data', 'flink-options.json')] = process.argv.slice(2);
  if (!input) {
    process.stderr.write('usage: tsx scripts/flink-option-catalog.ts <input-dir> [output-file]\n');
    process.exit(2);
  }
  const byKey = new Map<string, Row>();
  const add = (rows: Row[]) => {
    for (const row of rows) {
      const seen = byKey.get(row[0]);
      // The same option appears in a *_configuration table and a *_section table; keep the first.
      if (!seen) byKey.set(row[0], row);
    }
  };
  const groups: Array<[string, string[], (text: string, file: string) => Row[]]> = [
    ['flink', filesIn(path.join(input, 'flink'), '.html'), parseHtmlTable],
    ['operator', filesIn(path.join(input, 'operator'), '.html').reverse(), parseHtmlTable],
    ['statefun', filesIn(path.join(input, 'statefun'), '.java'), parseJavaOptions],
  ];
  const counts: Record<string, number> = {};
  for (const [group, files, parse] of groups) {
    if (files.length === 0) throw new Error(`no input files under ${path.join(input, group)}`);
    const before = byKey.size;
    for (const file of files) add(parse(fs.readFileSync(file, 'utf8'), file));
    counts[group] = byKey.size - before;
  }
  // REST API tables (rest_v1_*.html) have no <h5> keys and yield no rows.
  const sourcesFile = path.join(input, 'sources.txt');
  const sources = fs.existsSync(sourcesFile)
    ? fs.readFileSync(sourcesFile, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'))
    : [];
  const options = [...byKey.values()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const json = { generatedBy: 'scripts/flink-option-catalog.ts', sources, counts, columns: ['key', 'type', 'default'], options };
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.writeFileSync(output, `${JSON.stringify(json, null, 0).replace(/\],\[/g, '],\n[')}\n`);
  process.stdout.write(`${options.length} options (${Object.entries(counts).map(([g, n]) => `${g} ${n}`).join(', ')}) → ${output}\n`);
}

main();
