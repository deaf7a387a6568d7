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
			/** English, for logs and API clients; pages show `code` (or the status) translated. */
			message: string;
			/** A review refusal code (`review.errors.<code>`), with its parameters. */
			code?: string;
			params?: Record<string, string>;
		}
	}
}

export {};
