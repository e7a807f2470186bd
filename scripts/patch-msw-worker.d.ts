export declare const patchMarker: string;
export declare function patchWorker(source: string): string;
