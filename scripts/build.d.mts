// Types of build.mjs, for the tests and the bench that build before they start the server.
export declare class BuildError extends Error {}
export declare function sourceHash(root?: string): string;
export declare function isBuilt(root?: string): boolean;
export declare function ensureBuilt(options?: { root?: string; log?: (line: string) => void }): Promise<boolean>;
export declare function build(options?: { root?: string; check?: boolean }): Promise<boolean>;
