// An acorn plugin that makes declaring a name constant-time: acorn checks each
// declaration for a redeclaration with `indexOf` over every name already in
// the scope, so a file of 20,000 declarations took ~20,000² / 2 string
// comparisons (the `js variable chain` shape: over a second at 256 KiB).
// Guarantees: the same names are declared, in the same arrays (other acorn
// code reads them), and the same redeclaration errors are raised as by
// acorn's own `declareName` (acorn 8.x, dist/acorn.mjs), which this
// re-implements with a name index per array; the index notices an array that
// shrank (a parser that backtracks) and rebuilds itself. Used on plain
// JavaScript only: the TypeScript plugin declares kinds of names this does
// not know.
import type { Parser } from 'acorn';

// acorn's scope flags and binding kinds (not exported by acorn).
const SCOPE_TOP = 1;
const SCOPE_FUNCTION = 2;
const SCOPE_SIMPLE_CATCH = 32;
const SCOPE_CLASS_STATIC_BLOCK = 256;
const SCOPE_VAR = SCOPE_TOP | SCOPE_FUNCTION | SCOPE_CLASS_STATIC_BLOCK;
const BIND_LEXICAL = 2;
const BIND_FUNCTION = 3;
const BIND_SIMPLE_CATCH = 4;

interface Scope {
  flags: number;
  var: string[];
  lexical: string[];
  functions: string[];
}

/** Per array: name -> index of its first occurrence, over the first `len` items. */
interface Index {
  at: Map<string, number>;
  len: number;
}
const INDEX = new WeakMap<string[], Index>();

function sync(arr: string[]): Index {
  let ix = INDEX.get(arr);
  if (!ix || arr.length < ix.len) {
    ix = { at: new Map(), len: 0 };
    INDEX.set(arr, ix);
  }
  for (; ix.len < arr.length; ix.len++) if (!ix.at.has(arr[ix.len])) ix.at.set(arr[ix.len], ix.len);
  return ix;
}

/** `arr.indexOf(name) > -1`, in constant time. */
function has(arr: string[], name: string): boolean {
  const i = sync(arr).at.get(name);
  if (i === undefined) return false;
  if (arr[i] === name) return true;
  // An item was replaced in place (never done by acorn): fall back to the scan.
  INDEX.delete(arr);
  return arr.indexOf(name) > -1;
}

function push(arr: string[], name: string): void {
  sync(arr);
  arr.push(name);
  sync(arr);
}

type P = {
  scopeStack: Scope[];
  inModule: boolean;
  undefinedExports: Record<string, unknown>;
  treatFunctionsAsVar: boolean;
  currentScope(): Scope;
  treatFunctionsAsVarInScope(scope: Scope): boolean;
  raiseRecoverable(pos: number, message: string): void;
};

export function fastScopes(Base: typeof Parser): typeof Parser {
  return class extends (Base as unknown as new (...a: unknown[]) => P) {
    declareName(name: string, bindingType: number, pos: number): void {
      let redeclared = false;
      if (bindingType === BIND_LEXICAL) {
        const scope = this.currentScope();
        redeclared = has(scope.lexical, name) || has(scope.functions, name) || has(scope.var, name);
        push(scope.lexical, name);
        if (this.inModule && scope.flags & SCOPE_TOP) delete this.undefinedExports[name];
      } else if (bindingType === BIND_SIMPLE_CATCH) {
        push(this.currentScope().lexical, name);
      } else if (bindingType === BIND_FUNCTION) {
        const scope = this.currentScope();
        redeclared = this.treatFunctionsAsVar ? has(scope.lexical, name) : has(scope.lexical, name) || has(scope.var, name);
        push(scope.functions, name);
      } else {
        for (let i = this.scopeStack.length - 1; i >= 0; --i) {
          const scope = this.scopeStack[i];
          if ((has(scope.lexical, name) && !(scope.flags & SCOPE_SIMPLE_CATCH && scope.lexical[0] === name)) || (!this.treatFunctionsAsVarInScope(scope) && has(scope.functions, name))) {
            redeclared = true;
            break;
          }
          push(scope.var, name);
          if (this.inModule && scope.flags & SCOPE_TOP) delete this.undefinedExports[name];
          if (scope.flags & SCOPE_VAR) break;
        }
      }
      if (redeclared) this.raiseRecoverable(pos, `Identifier '${name}' has already been declared`);
    }
  } as unknown as typeof Parser;
}
