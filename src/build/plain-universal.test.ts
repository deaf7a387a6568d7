import { describe, expect, it } from 'vitest';
import { plainUniversal, universalImport } from './plain-universal';

// What Kit generates for the root layout (.svelte-kit/generated/client-optimized/nodes/0.js).
const node =
	'import * as universal from "../../../../src/routes/+layout.ts";\nexport { universal };\n' +
	'export { default as component } from "../../../../src/routes/+layout.svelte";';

describe('plainUniversal', () => {
	it('exports the universal module as a plain object of its exports, imported by name', () => {
		expect(universalImport(node)).toBe('../../../../src/routes/+layout.ts');
		const out = plainUniversal(node, ['load', 'ssr'])!;
		expect(out).not.toContain('import * as');
		expect(out).toContain('export { default as component } from "../../../../src/routes/+layout.svelte";');
		// The object Kit reads: run the rewritten import and export with stand-ins for the module.
		const load = () => 'data';
		const body = out
			.split('\n')
			.filter((line) => !line.startsWith('import') && !line.startsWith('export {'))
			.join('\n')
			.replace('export const universal =', 'return');
		const universal = new Function('universal_load', 'universal_ssr', body)(load, false);
		expect(universal).toEqual({ load, ssr: false });
	});

	it('leaves the namespace when the exports are not plain names, or unknown', () => {
		expect(plainUniversal(node, ['*'])).toBeNull();
		expect(plainUniversal(node, [])).toBeNull();
		expect(plainUniversal('export { default as component } from "./x.svelte";', ['load'])).toBeNull();
		expect(universalImport('export { default as component } from "./x.svelte";')).toBeNull();
	});
});
