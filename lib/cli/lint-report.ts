import { LintResult } from './lint';

/** Output formats of `cdk8s-statefun lint`. @internal */
export const LINT_FORMATS = ['text', 'json', 'sarif'] as const;
/** @internal */
export type LintFormat = typeof LINT_FORMATS[number];

/** Renders a lint result in one of the output formats. @internal */
export function renderLintResult(result: LintResult, format: LintFormat, toolVersion: string): string {
  switch (format) {
    case 'json': return `${JSON.stringify(jsonReport(result), undefined, 2)}\n`;
    case 'sarif': return `${JSON.stringify(sarifReport(result, toolVersion), undefined, 2)}\n`;
    default: return textReport(result);
  }
}

/** One line per finding (`file:line: severity rule object: message`), then a summary line. */
function textReport(result: LintResult): string {
  const lines: string[] = [];
  for (const p of result.inputProblems) {
    lines.push(`${p.file}${p.line !== undefined ? `:${p.line}` : ''}: error input${p.document !== undefined ? ` (document ${p.document + 1})` : ''}: ${p.message}`);
  }
  for (const f of result.findings) {
    lines.push(`${f.file}:${f.line}: ${f.severity} ${f.rule} ${f.object} (document ${f.document + 1}): ${f.message}`);
  }
  lines.push(summary(result));
  return `${lines.join('\n')}\n`;
}

/** `2 errors, 1 warning in 5 objects from 2 files` or `no findings in 5 objects from 2 files`. @internal */
export function summary(result: LintResult): string {
  const where = `in ${plural(result.objects, 'object')} from ${plural(result.files, 'file')}`;
  if (result.errors === 0 && result.warnings === 0) return `no findings ${where}`;
  return `${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')} ${where}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function jsonReport(result: LintResult) {
  return {
    summary: { files: result.files, objects: result.objects, errors: result.errors, warnings: result.warnings },
    inputProblems: result.inputProblems,
    findings: result.findings.map((f) => ({
      file: f.file,
      document: f.document,
      line: f.line,
      object: f.object,
      rule: f.rule,
      severity: f.severity,
      // null when the field is not set (JSON has no undefined).
      field: f.field,
      value: f.value === undefined ? null : f.value,
      why: f.why,
      fix: f.fix,
      message: f.message,
    })),
  };
}

/** SARIF 2.1.0 (OASIS), the format code-scanning UIs read: one result per finding, rules listed once. */
function sarifReport(result: LintResult, toolVersion: string) {
  const ruleIds = [...new Set([...result.findings.map((f) => f.rule), ...(result.inputProblems.length ? ['input'] : [])])].sort();
  const location = (file: string, line: number | undefined) => ({
    physicalLocation: {
      artifactLocation: { uri: file === '-' ? 'stdin' : file.split('\\').join('/') },
      region: { startLine: line ?? 1 },
    },
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk8s-statefun',
          version: toolVersion,
          informationUri: 'https://github.com/cdk8s-statefun/cdk8s-statefun',
          rules: ruleIds.map((id) => ({ id, shortDescription: { text: id === 'input' ? 'input that is not a Kubernetes object' : `cdk8s-statefun rule ${id}` } })),
        },
      },
      results: [
        ...result.inputProblems.map((p) => ({
          ruleId: 'input', ruleIndex: ruleIds.indexOf('input'), level: 'error', message: { text: p.message }, locations: [location(p.file, p.line)],
        })),
        ...result.findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIds.indexOf(f.rule),
          level: f.severity === 'error' ? 'error' : 'warning',
          message: { text: `${f.object}: ${f.message}` },
          locations: [location(f.file, f.line)],
        })),
      ],
    }],
  };
}
