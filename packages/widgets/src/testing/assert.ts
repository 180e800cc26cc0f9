// A few assertions with readable failures (the test page has no assertion library).

export function ok(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export function equal<T>(actual: T, expected: T, message = ''): void {
  if (!Object.is(actual, expected)) {
    throw new Error(`${message ? `${message}: ` : ''}expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

export function includes(haystack: string, needle: string, message = ''): void {
  if (!haystack.includes(needle)) {
    throw new Error(`${message ? `${message}: ` : ''}expected to find ${JSON.stringify(needle)} in ${JSON.stringify(haystack)}`);
  }
}

export function excludes(haystack: string, needle: string, message = ''): void {
  if (haystack.includes(needle)) {
    throw new Error(`${message ? `${message}: ` : ''}did not expect ${JSON.stringify(needle)} in ${JSON.stringify(haystack)}`);
  }
}
