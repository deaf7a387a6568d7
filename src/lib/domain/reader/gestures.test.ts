import { describe, expect, it } from 'vitest';
import { GestureRecognizer, type Gesture, type PointerInput } from './gestures';

type Ev = [PointerInput['type'], number, number, number, number?];
const run = (events: Ev[], options = {}, flushAt?: number): Gesture[] => {
	const g = new GestureRecognizer(options);
	const out = events.flatMap(([type, x, y, t, id = 1]) => g.handle({ type, x, y, t, id }));
	if (flushAt !== undefined) out.push(...g.flush(flushAt));
	return out;
};

describe('GestureRecognizer', () => {
	it.each<[string, Ev[], object, number | undefined, Gesture[]]>([
		[
			'a tap is reported at once when double taps are off',
			[
				['down', 10, 10, 0],
				['up', 12, 11, 80]
			],
			{ doubleTapMs: 0 },
			undefined,
			[{ kind: 'tap', x: 12, y: 11 }]
		],
		[
			'a tap waits for the double-tap window',
			[
				['down', 10, 10, 0],
				['up', 10, 10, 80]
			],
			{},
			200,
			[]
		],
		[
			'…and is released after it',
			[
				['down', 10, 10, 0],
				['up', 10, 10, 80]
			],
			{},
			400,
			[{ kind: 'tap', x: 10, y: 10 }]
		],
		[
			'two quick taps are a double tap',
			[
				['down', 10, 10, 0],
				['up', 10, 10, 50],
				['down', 14, 12, 150],
				['up', 14, 12, 200]
			],
			{},
			1000,
			[{ kind: 'double-tap', x: 14, y: 12 }]
		],
		[
			'a quick leftward drag is a swipe to the next panel',
			[
				['down', 300, 100, 0],
				['move', 200, 105, 50],
				['up', 150, 110, 120]
			],
			{ doubleTapMs: 0 },
			undefined,
			[
				{ kind: 'pan', dx: -100, dy: 5 },
				{ kind: 'swipe', direction: 1 }
			]
		],
		[
			'a rightward swipe goes back',
			[
				['down', 100, 100, 0],
				['up', 220, 100, 100]
			],
			{ doubleTapMs: 0 },
			undefined,
			[{ kind: 'swipe', direction: -1 }]
		],
		[
			'a mostly vertical drag is no swipe',
			[
				['down', 100, 100, 0],
				['move', 140, 200, 50],
				['up', 160, 300, 100]
			],
			{ doubleTapMs: 0 },
			undefined,
			[{ kind: 'pan', dx: 40, dy: 100 }]
		],
		[
			'a slow drag pans but does not swipe',
			[
				['down', 300, 100, 0],
				['move', 100, 100, 500],
				['up', 100, 100, 2000]
			],
			{ doubleTapMs: 0 },
			undefined,
			[{ kind: 'pan', dx: -200, dy: 0 }]
		],
		[
			'a cancelled press does nothing',
			[
				['down', 10, 10, 0],
				['cancel', 10, 10, 50]
			],
			{ doubleTapMs: 0 },
			undefined,
			[]
		]
	])('%s', (_name, events, options, flushAt, expected) => {
		expect(run(events, options, flushAt)).toEqual(expected);
	});

	it('two fingers moving apart pinch-zoom around their midpoint, and lifting them is no tap', () => {
		const out = run(
			[
				['down', 100, 100, 0, 1],
				['down', 200, 100, 10, 2],
				['move', 300, 100, 50, 2],
				['up', 300, 100, 90, 2],
				['up', 100, 100, 100, 1]
			],
			{ doubleTapMs: 0 }
		);
		expect(out).toEqual([{ kind: 'pinch', factor: 2, x: 200, y: 100 }]);
	});
});
