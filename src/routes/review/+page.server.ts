import { QUEUE_GROUPS, type QueueGroup } from '$lib/server/review/views';
import { reviewServices } from '$lib/server/review/server';

/** `?in_review=2&published=3`: the page of each group (shareable, and the back button keeps it). */
export async function load({ url }) {
	const { service } = await reviewServices();
	const pages: Partial<Record<QueueGroup, number>> = {};
	for (const group of QUEUE_GROUPS) {
		const n = Number(url.searchParams.get(group));
		if (Number.isInteger(n) && n > 0) pages[group] = n;
	}
	const queue = await service.queue(pages);
	return { groups: queue.groups, names: queue.names, now: new Date().toISOString() };
}
