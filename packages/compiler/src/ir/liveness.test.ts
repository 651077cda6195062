import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { liveness } from './liveness.js';
import type { Stmt } from './nodes.js';

const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract L {
    function f(uint256 x) external pure returns (uint256) {
        uint256 a = x + 1;
        uint256 b = 0;
        uint256 dead = 7;
        for (uint256 i = 0; i < x; i++) {
            if (i == 3) continue;
            b += a;
        }
        return b;
    }
}
`;

function flatten(body: readonly Stmt[]): Stmt[] {
  return body.flatMap((s) => [
    s,
    ...(s.kind === 'block' ? flatten(s.body) : []),
    ...(s.kind === 'if' ? [...flatten(s.then), ...flatten(s.else)] : []),
    ...(s.kind === 'loop' ? [...flatten(s.body), ...flatten(s.update)] : []),
  ]);
}

describe('liveness over the structured IR', () => {
  const fn = compile(SOURCE, { bytecode: false }).ir.functions.find((f) => f.name === 'f')!;
  const live = liveness(fn);
  const names = (set: ReadonlySet<number> | undefined) =>
    [...(set ?? [])].map((id) => fn.locals[id]!.name).sort();
  const lets = flatten(fn.body).filter((s): s is Stmt & { kind: 'let' } => s.kind === 'let');
  const after = (local: string) => live.get(lets.find((s) => fn.locals[s.locals[0]!]!.name === local)!);

  it('keeps a value live while a later read (also through loops and continue) may need it', () => {
    expect(names(after('a'))).toEqual(['a', 'x']);
    expect(names(after('b'))).toEqual(['a', 'b', 'x']);
    expect(names(after('i'))).toEqual(['a', 'b', 'i', 'x']);
  });

  it('drops a value nothing reads and everything after the loop but what the return reads', () => {
    expect(names(after('dead'))).not.toContain('dead');
    const loop = flatten(fn.body).find((s) => s.kind === 'loop')!;
    expect(names(live.get(loop))).toEqual(['b']);
  });
});
