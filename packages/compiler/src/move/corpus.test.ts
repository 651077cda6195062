/**
 * The Move target is a complete target: the shared corpus (test/corpus.test.ts) and the fuzzer run
 * every contract on it against the IR interpreter, storage included. What is Move-specific is checked
 * here: every module the corpus generates is also accepted by @mysten/move-bytecode-template, the Sui
 * reference deserializer.
 */
import { deserialize } from '@mysten/move-bytecode-template';
import { describe, expect, it } from 'vitest';
import { compileCorpus, loadCorpus } from '../../test/corpus-harness.js';
import { buildMove } from './target.js';

const { cases, sources } = loadCorpus();

describe(`move target: the ${cases.length} corpus modules pass the Sui reference deserializer`, () => {
  for (const c of cases) {
    it(c.name, () => {
      const code = buildMove(compileCorpus(sources).artifact(c.file, c.contract), 0xa11cen).code;
      expect(() => deserialize(code)).not.toThrow();
    });
  }
});
