import { assembleExecutable } from '../src/asm/assembler.js';
import { fibonacciSource } from '../src/asm/sample-programs.js';
import { createVm } from '../src/execute/run.js';
import { CompiledTier } from '../src/execute/wasm/compiled-tier.js';
const ex = assembleExecutable(fibonacciSource(20, { returnZero: true }));
const hist = new Map<string, number>(); const orig = CompiledTier.prototype.run;
CompiledTier.prototype.run = function (vm: any, pc: number, b: number) { const st = (orig as any).call(this, vm, pc, b); const k = `${pc}->${vm.pc} st${st}`; hist.set(k, (hist.get(k) ?? 0) + 1); return st; };
for (let i = 0; i < 3; i++) {
  hist.clear();
  const vm = createVm(ex, { computeUnits: 1_400_000 });
  vm.run(); console.log([...hist].slice(0, 10));
}
console.log(ex.decoded.count, [...ex.decoded.opcode].map((o) => o.toString(16)));
