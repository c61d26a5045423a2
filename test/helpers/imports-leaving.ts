import { readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** One import that reaches outside a folder: where it is and what it names. */
export interface LeavingImport {
  /** The importing file, relative to the folder. */
  file: string;
  line: number;
  /** The module named, or `<computed>` for `import(expression)` and `require(expression)`. */
  specifier: string;
}

const SOURCE = /\.(c|m)?(t|j)sx?$/;

/** The JavaScript and TypeScript files under `dir`, at any depth. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : SOURCE.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Every module a file names: static, type-only, re-exported, dynamic, `require`d, `import('…')` types. */
function namedModules(source: ts.SourceFile): { position: number; specifier: string }[] {
  const found: { position: number; specifier: string }[] = [];
  const add = (node: ts.Node, expression: ts.Node | undefined) =>
    found.push({
      position: node.getStart(source),
      specifier: expression && ts.isStringLiteralLike(expression) ? expression.text : '<computed>',
    });
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      add(node, node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    ) {
      add(node, node.arguments[0]);
    } else if (ts.isImportTypeNode(node)) {
      add(node, ts.isLiteralTypeNode(node.argument) ? node.argument.literal : undefined);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const reference of source.referencedFiles) {
    found.push({ position: reference.pos, specifier: reference.fileName.replace(/^(?![./])/, './') });
  }
  for (const reference of source.typeReferenceDirectives) {
    found.push({ position: reference.pos, specifier: reference.fileName });
  }
  return found;
}

/**
 * The imports of the files under `dir` that reach outside it: a relative path that resolves outside `dir`, an
 * absolute path or URL, a computed module name, and any package or Node built-in not in `allowedPackages`.
 *
 * @example
 * importsLeaving('src/core', ['zod']); // [] when the core is clean
 * // [{ file: 'bot/reply.ts', line: 3, specifier: '../../db/schema.js' }]
 */
export function importsLeaving(dir: string, allowedPackages: readonly string[]): LeavingImport[] {
  return sourceFiles(dir).flatMap((path) => {
    const text = readFileSync(path, 'utf8');
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    return namedModules(source)
      .filter(({ specifier }) => {
        if (specifier.startsWith('.')) {
          const inside = relative(dir, resolve(dirname(path), specifier));
          return inside.startsWith('..') || isAbsolute(inside);
        }
        if (specifier === '<computed>' || isAbsolute(specifier) || /^[a-z][a-z0-9+.-]*:/i.test(specifier)) {
          return true;
        }
        return !allowedPackages.includes(packageName(specifier));
      })
      .map(({ position, specifier }) => ({
        file: relative(dir, path),
        line: source.getLineAndCharacterOfPosition(position).line + 1,
        specifier,
      }));
  });
}
