import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIO } from '../io.js';
import { fakeContext } from '../testing/fake-context.js';

async function gas(...argv: string[]) {
  const io = memoryIO();
  const code = await runCli(['gas', ...argv], fakeContext(), io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('polyvm gas', () => {
  it("prints every runtime's schedule with costs in its own arithmetic ops", async () => {
    const { code, out } = await gas();
    expect(code).toBe(0);
    expect(out).toContain('alpha: fake (alpha-gas; one arithmetic op = 1; test double)');
    expect(out).toContain('beta: fake (beta-gas; one arithmetic op = 3; test double)');
    const beta = out.slice(out.indexOf('beta:'));
    expect(beta).toMatch(/^store +storage +300 +100$/m);
    expect(beta).toMatch(/^arith +compute +3 +1$/m);
  });

  it('filters by runtime and category', async () => {
    const { code, out } = await gas('beta', '--category', 'storage');
    expect(code).toBe(0);
    expect(out).not.toContain('alpha');
    expect(out).not.toMatch(/^arith /m);
    expect(out).toMatch(/^load +storage +30 +10$/m);
    expect((await gas('alpha', '--category', 'call')).out).toContain('(no entries)');
  });

  it('refuses unknown runtimes and categories', async () => {
    const runtime = await gas('gamma');
    expect(runtime.code).toBe(2);
    expect(runtime.err).toContain('unknown runtime "gamma" (known: alpha, beta)');
    const category = await gas('--category', 'disk');
    expect(category.code).toBe(2);
    expect(category.err).toContain(
      'unknown gas category "disk" (known: compute, memory, storage, call, crypto, other)',
    );
  });
});
