// See https://svelte.dev/docs/kit/types#app.d.ts
import type { UiLanguage } from '$lib/i18n';
import type { SessionUser } from '$lib/server/auth/auth-service';

declare global {
	namespace App {
		interface Locals {
			lang: UiLanguage;
			/** The signed-in staff member, or null (students and visitors have no session). */
			user: SessionUser | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
