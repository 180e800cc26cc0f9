/**
 * Phone numbers as a French town hall writes them: « 06 12 34 56 78 ». A +33 number
 * becomes its national form; another international number keeps its `+` and digits.
 * Null when the input is not a phone number.
 */
export function normalisePhone(input: string): string | null {
  const compact = input.replace(/[\s.]/g, '');
  const national = /^\+33([1-9]\d{8})$/.exec(compact)?.[1];
  const french = national ? `0${national}` : compact;
  if (/^0[1-9]\d{8}$/.test(french)) return french.replace(/(\d{2})(?=\d)/g, '$1 ');
  if (/^\+[1-9]\d{7,14}$/.test(compact)) return compact;
  return null;
}
