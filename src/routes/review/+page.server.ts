import { reviewServices } from '$lib/server/review/server';

export async function load() {
	const { service } = await reviewServices();
	return await service.queue();
}
