import { memoryReviewRepositories } from './memory-repositories';
import { reviewServiceSuite, SUITE_USERS } from './services.suite';

reviewServiceSuite('in-memory fakes', async () =>
	memoryReviewRepositories(Object.fromEntries(Object.values(SUITE_USERS).map((u) => [u.id, u.name])))
);
