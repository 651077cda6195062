import { mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// The fuzz harness lives beside its bounded CI slice in fuzz/ (outside src, so it is not published).
export default mergeConfig(shared, { test: { include: ['fuzz/**/*.test.ts'] } });
