import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { AUDIT_ACTIONS, CANDIDATE_ACTIONS, MATTER_ACTIONS } from '@xinhuo/shared';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** The events of a pipeline candidate (`pipeline_${action}`): the state machine's steps and the records beside them. */
const PIPELINE_EVENTS = [...CANDIDATE_ACTIONS, 'nominate', 'override', 'objection', 'objection_resolved'];

/**
 * The values an `action` initializer can take: literals, both arms of a conditional, `matter_${action}`
 * and `pipeline_${action}`.
 */
function valuesOf(e: ts.Expression, where: string): string[] {
  if (ts.isStringLiteralLike(e)) return [e.text];
  if (ts.isParenthesizedExpression(e)) return valuesOf(e.expression, where);
  if (ts.isConditionalExpression(e)) return [...valuesOf(e.whenTrue, where), ...valuesOf(e.whenFalse, where)];
  if (ts.isTemplateExpression(e) && e.head.text === 'matter_' && e.templateSpans.length === 1)
    return MATTER_ACTIONS.map((a) => `matter_${a}`);
  if (ts.isTemplateExpression(e) && e.head.text === 'pipeline_' && e.templateSpans.length === 1)
    return PIPELINE_EVENTS.map((a) => `pipeline_${a}`);
  throw new Error(`${where}: an audit action the test cannot read (${e.getText()}); name it with a literal`);
}

/**
 * Every audit event the server writes: the object literal given to `audit.record(trx, actor, {…})` or
 * `audit.recordAlone(actor, {…})`, and the `event` objects queued for those calls (`{ actor, event: {…} }`).
 */
function auditActionsInSource(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    if (!/record(Alone)?\(|event:/.test(text)) continue;
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const takeEvent = (obj: ts.Node) => {
      if (!ts.isObjectLiteralExpression(obj)) return;
      for (const p of obj.properties) {
        if (ts.isPropertyAssignment(p) && p.name.getText() === 'action') {
          const where = `${file.slice(SRC.length + 1)}:${sf.getLineAndCharacterOfPosition(p.getStart()).line + 1}`;
          for (const v of valuesOf(p.initializer, where)) if (!found.has(v)) found.set(v, where);
        }
      }
    };
    const visit = (n: ts.Node) => {
      if (
        ts.isCallExpression(n) &&
        ts.isPropertyAccessExpression(n.expression) &&
        ['record', 'recordAlone'].includes(n.expression.name.text) &&
        n.arguments.length >= 2
      )
        takeEvent(n.arguments[n.arguments.length - 1]!);
      if (ts.isPropertyAssignment(n) && n.name.getText() === 'event') takeEvent(n.initializer);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return found;
}

test('every audit action the server writes has a zh and en name in the shared catalogue', () => {
  const used = auditActionsInSource();
  // The collector itself must see the trail's everyday events, or it has stopped reading the code.
  for (const code of ['login_success', 'pii_reveal', 'person_update', 'matter_dispatch', 'audit_search'])
    assert.ok(used.has(code), `collector missed ${code}`);
  const missing = [...used].filter(([code]) => !(code in AUDIT_ACTIONS)).map(([c, w]) => `${c} (${w})`);
  assert.deepEqual(missing, [], `audit actions without a name: ${missing.join(', ')}`);
  for (const [code, label] of Object.entries(AUDIT_ACTIONS)) {
    assert.ok(label.zh.trim() && label.en.trim(), `${code} has an empty name`);
    assert.doesNotMatch(label.en, /[\u4e00-\u9fff]/, `${code}: English name in Chinese`);
  }
});
