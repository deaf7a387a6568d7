/*
 * Runs first on every page, before the app (src/app.html). A static file, not an inline script,
 * so the Content-Security-Policy can forbid inline scripts; ES5 only (checked by es-check in
 * `npm run check`), so that the oldest browsers still run it.
 *
 * Kalanso supports Chrome / Android WebView 87 and newer (README). On anything older the app
 * would stop on a blank screen; this script sends it instead to /setup/browser, a page rendered
 * on the server that says in the reader's language what is missing and what to do.
 * It tests features, never the browser's name.
 */
(function () {
	'use strict';

	// The one API newer than Chrome 87 that the build needs (SvelteKit's data decoder and
	// @noble/hashes call it; `npm run test:e2e` checks the built files with es-check).
	if (typeof Object.hasOwn !== 'function') {
		Object.defineProperty(Object, 'hasOwn', {
			value: function hasOwn(object, key) {
				return Object.prototype.hasOwnProperty.call(Object(object), key);
			},
			configurable: true,
			writable: true
		});
	}

	if (location.pathname.indexOf('/setup/browser') === 0) return;

	var missing = [];
	// ES2021, the language level of the build (Chrome 85+).
	if (
		typeof Promise.any !== 'function' ||
		typeof String.prototype.replaceAll !== 'function' ||
		typeof window.WeakRef !== 'function'
	)
		missing.push('javascript');
	if (!window.indexedDB) missing.push('indexeddb');
	// Service workers exist only in a secure context: over plain http the set-up page explains that.
	if (window.isSecureContext === true && !('serviceWorker' in navigator)) missing.push('serviceworker');
	var canvas = document.createElement('canvas');
	if (!window.WebGLRenderingContext && !(canvas.getContext && canvas.getContext('2d')))
		missing.push('canvas');
	var audio = document.createElement('audio');
	if (
		!audio.canPlayType ||
		(!audio.canPlayType('audio/ogg; codecs="opus"') &&
			!audio.canPlayType('audio/webm; codecs="opus"') &&
			!audio.canPlayType('audio/mpeg'))
	)
		missing.push('audio');

	if (missing.length > 0) location.replace('/setup/browser?missing=' + missing.join(','));
})();
