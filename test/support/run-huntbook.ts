import { runHuntbook } from '../../src/cli/huntbook.ts';

/**
 * Runs `huntbook <args…>` in-process as a user would in `cwd`, with an environment of its own,
 * and gives back the exit code and what was printed.
 * @example const { code, stdout } = await runHuntbookIn(root, 'init');
 */
export async function runHuntbookIn(
  cwd: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { cwd, env: {}, stdout: (text: string) => out.push(text), stderr: (text: string) => err.push(text) };
  const code = await runHuntbook(args, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
