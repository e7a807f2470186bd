import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every TypeScript block of the docs pages (```ts and ```tsx in stories/docs/*.mdx) compiles
// against the kit's own types as a host would write it: `multitrack-kit` is the package's entry
// (src/index.ts), each block a module of its own, strict.
const docsDir = path.resolve('stories/docs');
const blocksDir = path.resolve('node_modules/.cache/docs-blocks');

interface Block {
  page: string;
  line: number;
  file: string;
}

function extractBlocks(): Block[] {
  rmSync(blocksDir, { recursive: true, force: true });
  mkdirSync(blocksDir, { recursive: true });
  // The host modules the blocks import: './project' beside them, Tauri's and Electron's typed.
  writeFileSync(path.join(blocksDir, 'project.ts'), readFileSync(path.resolve('tests/docs/project.ts')));
  const blocks: Block[] = [];
  for (const page of readdirSync(docsDir).filter((name) => name.endsWith('.mdx')).sort()) {
    const lines = readFileSync(path.join(docsDir, page), 'utf8').split('\n');
    let open: { line: number; body: string[] } | undefined;
    for (const [index, text] of lines.entries()) {
      if (!open && /^```tsx?\s*$/.test(text)) open = { line: index + 1, body: [] };
      else if (open && /^```\s*$/.test(text)) {
        const file = path.join(blocksDir, `${page.replace('.mdx', '')}-${open.line}.tsx`);
        writeFileSync(file, `${open.body.join('\n')}\n`);
        blocks.push({ page, line: open.line, file });
        open = undefined;
      } else open?.body.push(text);
    }
  }
  return blocks;
}

describe('the docs', () => {
  it('have code blocks that compile against the kit, each as a host module', () => {
    const blocks = extractBlocks();
    expect(blocks.length).toBeGreaterThan(10);
    const program = ts.createProgram([...blocks.map(({ file }) => file), path.resolve('tests/docs/hostModules.d.ts')], {
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      moduleDetection: ts.ModuleDetectionKind.Force,
      jsx: ts.JsxEmit.ReactJSX,
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
      paths: {
        'multitrack-kit': [path.resolve('src/index.ts')],
        'multitrack-kit/renderer': [path.resolve('src/renderer.ts')],
        'multitrack-kit/server': [path.resolve('server/index.ts')],
      },
    });
    const byFile = new Map(blocks.map((block) => [block.file, block]));
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => diagnostic.file && byFile.has(diagnostic.file.fileName))
      .map((diagnostic) => {
        const block = byFile.get(diagnostic.file?.fileName ?? '') as Block;
        const { line } = diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0) ?? { line: 0 };
        return `${block.page}:${block.line + 1 + line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
      });
    expect(problems).toEqual([]);
  });
});
