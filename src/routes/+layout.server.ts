export function load({ locals }) {
	const user = locals.user;
	return {
		lang: locals.lang,
		// Only what the header needs; never the password hash or session token.
		user: user
			? { username: user.username, displayName: user.displayName, role: user.role, demo: user.demo }
			: null
	};
}
