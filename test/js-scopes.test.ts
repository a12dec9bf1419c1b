// The constant-time declaration plugin (src/js/scopes.ts) accepts and refuses
// exactly what acorn's own declareName does: redeclarations in every kind of
// scope, in scripts and modules.
import { Parser, type Options } from 'acorn';
import { describe, expect, it } from 'vitest';
import { fastScopes } from '../src/js/scopes.js';

const Fast = Parser.extend(fastScopes);

const CASES = [
  'let a; let a;',
  'let a; var a;',
  'var a; let a;',
  'var a; var a;',
  'const a = 1; { const a = 2; }',
  'function f() {} function f() {}',
  'function f() {} let f;',
  'let f; function f() {}',
  '{ function f() {} function f() {} }',
  '{ function f() {} var f; }',
  '{ var f; function f() {} }',
  'try {} catch (e) { var e; }',
  'try {} catch (e) { let e; }',
  'try {} catch ([e]) { var e; }',
  'function g(a) { var a; let b; var b; }',
  'function g() { { let x; } var x; }',
  'for (let i = 0; i < 1; i++) { var i; }',
  'class C { static { var v; let v; } }',
  'switch (1) { case 1: let s; break; case 2: let s; }',
  'export const e = 1; export { e };',
  'export { missing };',
  'label: { let l; { var l; } }',
  'let x = 1; function h() { var x; let y; { var y; } }',
];

function outcome(P: typeof Parser, src: string, opts: Options): string {
  try {
    P.parse(src, opts);
    return 'ok';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('fastScopes declares names as acorn does', () => {
  for (const sourceType of ['script', 'module'] as const) {
    it(`same result as acorn on every redeclaration case (${sourceType})`, () => {
      const opts: Options = { ecmaVersion: 'latest', sourceType };
      let refused = 0;
      for (const src of CASES) {
        const want = outcome(Parser, src, opts);
        expect(outcome(Fast, src, opts), src).toBe(want);
        if (want !== 'ok') refused++;
      }
      // The cases exercise both answers.
      expect(refused).toBeGreaterThan(5);
    });
  }

  it('a file of many declarations parses to the same tree', () => {
    let src = "const m0 = 'x';\n";
    for (let i = 1; i < 3000; i++) src += `const m${i} = m${i - 1};\n`;
    const opts: Options = { ecmaVersion: 'latest', sourceType: 'module' };
    expect(JSON.stringify(Fast.parse(src, opts))).toBe(JSON.stringify(Parser.parse(src, opts)));
    expect(outcome(Fast, src + 'let m7;', opts)).toMatch(/already been declared/);
  });
});
