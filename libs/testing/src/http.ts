/** The Authorization header for an access token. */
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Polls `probe` until it returns a value (for effects that arrive through the queue), or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
