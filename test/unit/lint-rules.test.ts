// The ESLint rule for what we ship (eslint.config.js): every way of turning a string into HTML or code in src/ is an
// error, the safe alternatives are not, and the rule does not reach tests or scripts.
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const eslint = new ESLint();
const errorsIn = async (code: string, filePath: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.severity === 2).map((m) => `${m.line}: ${m.ruleId}`);
};

describe('no HTML or code from strings in src/', () => {
  test('each sink is an error', { timeout: 30_000 }, async () => {
    const sinks = [
      "el.innerHTML = '<b>x</b>';",
      "el.outerHTML += 'x';",
      "el['innerHTML'] = 'x';",
      "el.insertAdjacentHTML('beforeend', 'x');",
      "document.write('x');",
      "document.writeln('x');",
      "eval('1');",
      "new Function('return 1');",
      "setTimeout('alert(1)', 1);",
      'window.setInterval(`alert(${x})`, 1);',
      "new DOMParser().parseFromString('x', 'text/html');",
      "document.createRange().createContextualFragment('x');",
    ];
    const code = `declare const el: HTMLElement; declare const x: number;\n${sinks.join('\n')}\nexport {};\n`;
    const errors = await errorsIn(code, 'src/content/probe.ts');
    for (let line = 2; line < sinks.length + 2; line++) expect(errors.some((e) => e.startsWith(`${line}:`)), sinks[line - 2]).toBe(true);
  });

  test('safe code passes: text, nodes, functions to timers, reading innerHTML', { timeout: 30_000 }, async () => {
    const code = [
      'declare const el: HTMLElement;',
      "el.textContent = '<b>x</b>';",
      "el.append(document.createElement('b'));",
      "el.insertAdjacentText('beforeend', 'x');",
      'setTimeout(() => el.remove(), 1);',
      'export const size = el.innerHTML.length;',
    ].join('\n');
    expect(await errorsIn(code, 'src/content/probe.ts')).toEqual([]);
  });

  test('the ban is for shipped code only', { timeout: 30_000 }, async () => {
    expect(await errorsIn("declare const el: HTMLElement;\nel.innerHTML = 'fixture';\nexport {};\n", 'test/unit/probe.test.ts')).toEqual([]);
  });
});
