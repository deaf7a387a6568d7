// See https://svelte.dev/docs/kit/types#app.d.ts
import type { UiLanguage } from '$lib/i18n';

declare global {
	namespace App {
		interface Locals {
			lang: UiLanguage;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
