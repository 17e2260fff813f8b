// Types of docker-steps.mjs, for test/production/package.test.ts.
export interface DockerStepsResult {
  /** The temporary directory holding every stage. */
  work: string;
  /** The first stage's root. */
  build: string;
  /** The last stage's WORKDIR: what the image holds. */
  app: string;
  /** The last stage's USER. */
  user: string;
  timings: { step: string; ms: number }[];
  healthyMs: number;
  health: { status: number; body: unknown };
  exit: { code: number | null; signal: NodeJS.Signals | null };
  output: string;
}
export declare function parseDockerfile(text: string): { keyword: string; args: string; words: string[] }[];
export declare function dockerignore(text: string): (path: string) => boolean;
export declare function runDockerSteps(options?: { root?: string; log?: (line: string) => void }): Promise<DockerStepsResult>;
