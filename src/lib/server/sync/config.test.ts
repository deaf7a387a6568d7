import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schoolSyncConfig } from './server';

const credential = `ecole-sikoro.${'A'.repeat(43)}`;
const data = mkdtempSync(path.join(tmpdir(), 'kalanso-sync-config-'));

describe('schoolSyncConfig', () => {
	it.each([
		[{}, 'no-url'],
		[{ KALANSO_NATIONAL_URL: 'ftp://national' }, 'bad-url'],
		[{ KALANSO_NATIONAL_URL: 'not a url' }, 'bad-url'],
		[{ KALANSO_NATIONAL_URL: 'https://national.example' }, 'no-credential'],
		[
			{ KALANSO_NATIONAL_URL: 'https://national.example', KALANSO_SCHOOL_CREDENTIAL: 'secret' },
			'bad-credential'
		],
		[
			{
				KALANSO_NATIONAL_URL: 'https://national.example',
				KALANSO_SCHOOL_CREDENTIAL: credential,
				KALANSO_SYNC_INTERVAL_MINUTES: 'hourly'
			},
			'bad-interval'
		]
	])('%j is not configured: %s', (env, problem) => {
		expect(schoolSyncConfig({ KALANSO_DATA: data, ...env })).toEqual({ configured: false, problem });
	});

	it('reads the credential from the environment, 60 minutes by default', () => {
		expect(
			schoolSyncConfig({
				KALANSO_DATA: data,
				KALANSO_NATIONAL_URL: 'https://national.example',
				KALANSO_SCHOOL_CREDENTIAL: credential
			})
		).toEqual({
			configured: true,
			nationalUrl: 'https://national.example',
			credential: { schoolId: 'ecole-sikoro', secret: 'A'.repeat(43) },
			intervalMinutes: 60
		});
	});

	it('reads the credential from data/keys/school-credential.txt; 0 minutes is on demand only', () => {
		mkdirSync(path.join(data, 'keys'), { recursive: true });
		writeFileSync(path.join(data, 'keys', 'school-credential.txt'), `${credential}\n`);
		expect(
			schoolSyncConfig({
				KALANSO_DATA: data,
				KALANSO_NATIONAL_URL: 'http://192.168.1.10:3000',
				KALANSO_SYNC_INTERVAL_MINUTES: '0'
			})
		).toMatchObject({ configured: true, intervalMinutes: 0, credential: { schoolId: 'ecole-sikoro' } });
	});
});
