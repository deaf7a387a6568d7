/** Byte sizes for people: French says octets (ko, Mo, Go), English bytes (KB, MB, GB). Pure. */
const UNITS: Record<string, string[]> = {
	fr: ['o', 'ko', 'Mo', 'Go'],
	en: ['B', 'KB', 'MB', 'GB']
};

export function formatBytes(bytes: number, lang: string): string {
	const units = UNITS[lang] ?? UNITS.en!;
	let value = Math.max(0, bytes);
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}
	const digits = unit === 0 || value >= 100 ? 0 : 1;
	const number = new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value);
	return `${number}\u00a0${units[unit]}`;
}
