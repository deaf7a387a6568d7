import { memoryAuthRepositories } from './memory-repositories';
import { accountServiceSuite } from './services.suite';

accountServiceSuite('in-memory fakes', async () => memoryAuthRepositories());
