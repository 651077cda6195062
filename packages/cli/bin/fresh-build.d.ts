export function workspaceRoot(dir: string): string | undefined;
export function workspaceClosure(dir: string, seen?: Set<string>): Set<string>;
export function isStale(dir: string): boolean;
