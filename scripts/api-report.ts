// Lists every name a package entry exports, with whether it is a value or only a type, one a line:
// the public surface, committed under api/ and checked by tests/apiReport.test.ts. After a change
// to the surface on purpose, run `npm run api:update` and commit the new report.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const entries = {
  main: 'src/index.ts',
  renderer: 'src/renderer.ts',
  mocks: 'src/mocks/index.ts',
  server: 'server/index.ts',
} as const;

export function apiReport(entry: string): string {
  const file = path.resolve(entry);
  const program = ts.createProgram([file], { strict: true, jsx: ts.JsxEmit.ReactJSX, module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const symbol = source && checker.getSymbolAtLocation(source);
  if (!symbol) throw new Error(`api-report: cannot read ${entry}`);
  const lines = checker.getExportsOfModule(symbol).map((exported) => {
    const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const kind = target.flags & ts.SymbolFlags.Value ? 'value' : 'type';
    return `${kind} ${exported.name}`;
  });
  return `${lines.sort((a, b) => (a.split(' ')[1] < b.split(' ')[1] ? -1 : 1)).join('\n')}\n`;
}

export const reportPath = (name: string) => `api/${name}.api.txt`;

/** The project document's JSON Schema as committed (`projectDocumentJsonSchema()`), checked by tests/projectDocument.test.ts. */
export const projectSchemaPath = 'api/project-document.schema.json';
export const projectSchemaText = async () => `${JSON.stringify((await import('../src/state/projectDocument')).projectDocumentJsonSchema(), null, 2)}\n`;

if (process.argv.includes('--write')) {
  for (const [name, entry] of Object.entries(entries)) {
    writeFileSync(reportPath(name), apiReport(entry));
    console.log(`api-report: wrote ${reportPath(name)}`);
  }
  writeFileSync(projectSchemaPath, await projectSchemaText());
  console.log(`api-report: wrote ${projectSchemaPath}`);
}
