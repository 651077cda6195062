import type { SourceLoc } from '../ir/nodes.js';

/** Resolves solc `src` strings (`start:length:fileIndex`) to locations; caches line starts per file. */
export class SourceLocator {
  private readonly lineStarts = new Map<string, number[]>();
  constructor(
    private readonly files: readonly string[],
    private readonly texts: ReadonlyMap<string, string>,
  ) {}

  locate(src: string): SourceLoc {
    const [startText, , indexText] = src.split(':');
    return this.at(this.files[Number(indexText)] ?? '<unknown>', Number(startText));
  }

  /** 1-based line and column (in bytes, as solc counts) of a byte offset in `file`. */
  at(file: string, start: number): SourceLoc {
    const starts = this.starts(file);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= start) lo = mid;
      else hi = mid - 1;
    }
    return { file, line: lo + 1, column: start - starts[lo]! + 1 };
  }

  private starts(file: string): number[] {
    let starts = this.lineStarts.get(file);
    if (starts === undefined) {
      const bytes = new TextEncoder().encode(this.texts.get(file) ?? '');
      starts = [0];
      for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) starts.push(i + 1);
      this.lineStarts.set(file, starts);
    }
    return starts;
  }
}
