/**
 * The review service, in parts that each read on one screen: shared plumbing (core.ts), read views
 * (views.ts) and the workflow that changes things (workflow.ts). Import from here.
 */
export { actorOf, ReviewError, type ReviewDeps, type ReviewErrorCode, type ReviewUser } from './core';
export { type PublishedVersion, type VersionDetail } from './views';
export { ReviewService } from './workflow';
