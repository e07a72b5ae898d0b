/** One thing wrong with a file under content/, located by file and field path. */
export type ContentProblem = { file: string; path: string; message: string };

export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}: ${problem.path}: ${problem.message}`;
}
