// What the docs' code blocks import from a host's own world, typed as little as they use: the
// docs are checked against the kit's real types, and these only stand in for packages a host has
// (Tauri, Electron) that this repository does not install.
declare module '@tauri-apps/api/core' {
  export function convertFileSrc(path: string, protocol?: string): string;
}

declare module 'electron' {
  export const app: { whenReady(): Promise<void> };
  export const protocol: {
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void;
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  };
}
