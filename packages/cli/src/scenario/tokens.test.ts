import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturesOrWarn } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../args.js';
import { compareScenarios } from '../commands/compare-scenarios.js';
import { memoryIO } from '../io.js';
import { compileToken, ERC20_FOLDER } from '../testing/solc-token.js';
import { defaultContext } from '../wiring.js';
import { loadScenario } from './load.js';
import { measureScenarios, scenarioTables } from './measure.js';

const TOKENS = join(import.meta.dirname, '../../scenarios/tokens');
const fixtures =
  fixturesOrWarn('wasm/contracts', 'the real-artifact token scenarios (near-sdk FT, cw20-base)') &&
  fixturesOrWarn('svm/programs', 'the real-artifact token scenarios (SPL Token-2022)') &&
  fixturesOrWarn('move/starcoin-framework-v6', 'the real-artifact token scenarios (Starcoin Token)');

/**
 * The transfer step of each real token, with its gas in the chain's native unit. Starcoin's row is
 * the framework's Token / Account / TransferScripts, the wallet's peer_to_peer_v2 path.
 */
const TRANSFER_GAS: Record<string, { vm: string; step: string; gas: string }> = {
  'erc20-transfer': { vm: 'evm', step: '2 transfer', gas: '51,325' },
  'near-lockable-ft-transfer': { vm: 'near', step: '2 transfer', gas: '2,501,573,059,459' },
  'cw20-transfer': { vm: 'cosmwasm', step: '2 transfer', gas: '10,005,227,080' },
  'spl-token-2022-transfer': { vm: 'svm', step: '6 transfer', gas: '1,790' },
  'starcoin-token-transfer': { vm: 'move', step: '11 transfer', gas: '13,198,562' },
};

describe('what does a token transfer really cost', () => {
  it('measures the solc ERC-20 transfer (compiled tier)', async () => {
    compileToken();
    const { rows } = await measureScenarios([loadScenario(join(ERC20_FOLDER, 'token.yaml'))], {
      warmup: 0,
      samples: 1,
    });
    const transfer = rows.find((r) => r.step === '2 transfer')!;
    expect(transfer).toMatchObject({ vm: 'evm', tier: 'compiled', status: 'success', failures: 0 });
    // 21,000 intrinsic + calldata + two SSTOREs (one fresh slot) + LOG3: within solc's usual range.
    expect(transfer.gas).toBeGreaterThan(40_000);
    expect(transfer.gas).toBeLessThan(60_000);
  }, 120_000);

  it.skipIf(!fixtures)(
    'runs the real token artifacts: same transfer, same checks, one table',
    async () => {
      compileToken();
      const files = [
        join(ERC20_FOLDER, 'token.yaml'),
        join(TOKENS, 'near-ft.yaml'),
        join(TOKENS, 'cw20.yaml'),
        join(TOKENS, 'spl-token-2022.yaml'),
        join(TOKENS, 'starcoin-token.yaml'),
      ];
      const io = memoryIO();
      const out = mkdtempSync(join(tmpdir(), 'polyvm-tokens-'));
      const args = parseArgs(
        [
          '--scenario',
          files.join(','),
          '--step',
          'transfer',
          '--warmup',
          '0',
          '--samples',
          '1',
          '--out',
          out,
        ],
        {
          value: ['scenario', 'step', 'warmup', 'samples', 'out'],
        },
      );
      const code = await compareScenarios(defaultContext(), args, io, 'compare');
      expect(code).toBe(0);
      const table = io.stdout();
      // One row per chain, each with its pinned gas: a change to any runtime's gas rules shows here.
      for (const [scenario, row] of Object.entries(TRANSFER_GAS)) {
        expect(table).toContain(`| ${scenario} | ${row.vm} | ${row.step} | success | ${row.gas} |`);
      }
      console.log(`\n${table}`);
      expect(scenarioTables([], 'transfer')).toBe('');
    },
    300_000,
  );
});
