/**
 * The question timer on the server: one `setTimeout` per session, at the deadline stored with the
 * session, calling `LiveService.expire`. The deadline is in the database, so a restarted server
 * arms the timers again (`resumeDeadlines`) and a deadline that passed while it was down closes at
 * once. Timers do not keep the process alive. Several instances may arm the same deadline; the
 * service closes the question once.
 */
export interface DeadlineTarget {
	expire(sessionId: string): Promise<boolean>;
}

export interface DeadlineTimers {
	arm(sessionId: string, deadline: string): void;
	/** Stops every timer (server shutdown, tests). */
	stop(): void;
}

export function deadlineTimers(
	target: () => DeadlineTarget,
	now: () => Date = () => new Date(),
	onError: (error: unknown) => void = (e) => console.error('live: question timer', e)
): DeadlineTimers {
	const timers = new Map<string, ReturnType<typeof setTimeout>>();
	const arm = (sessionId: string, deadline: string) => {
		clearTimeout(timers.get(sessionId));
		// A little after the deadline: the service compares the stored deadline with its clock.
		const wait = Math.max(0, Date.parse(deadline) - now().getTime()) + 50;
		const timer = setTimeout(() => {
			timers.delete(sessionId);
			target().expire(sessionId).catch(onError);
		}, wait);
		timer.unref?.();
		timers.set(sessionId, timer);
	};
	return {
		arm,
		stop() {
			for (const t of timers.values()) clearTimeout(t);
			timers.clear();
		}
	};
}
