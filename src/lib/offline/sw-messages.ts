/** Messages between the page and the service worker (no $app imports: the worker shares this file). */

/** The page tells a waiting worker to take over (the user accepted the update). */
export const SKIP_WAITING = 'kalanso:skip-waiting';
/** The page asks the worker to keep pages (e.g. a downloaded comic's reader) for offline use. */
export const CACHE_PAGES = 'kalanso:cache-pages';
