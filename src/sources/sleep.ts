/** Waits `ms` milliseconds for real; code takes a `sleep` option so tests can pass a fake one. */
export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
