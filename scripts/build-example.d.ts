// Types of build-example.js for the TypeScript benchmark that opens the example (bench/editor.ts).
export declare const repositoryRoot: string;
export declare const exampleDir: string;
export declare function buildExample(): void;
