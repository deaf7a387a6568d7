/** howler's core build (no spatial-audio plugin) has the same API as the package's main module. */
declare module 'howler/src/howler.core.js' {
	export { Howl, Howler } from 'howler';
}
