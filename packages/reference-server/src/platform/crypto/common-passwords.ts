/**
 * Passwords too common to accept, folded to lower case. Whole passwords, plus base words
 * that people pad with digits or symbols ("motdepasse2024!"): see isCommonPassword.
 */
const WHOLE = [
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456123456',
  '111111111111',
  '000000000000',
  '123123123123',
  '121212121212',
  '987654321098',
  '1234567890ab',
  'abcdef123456',
  'abcdefghijkl',
  'azertyuiopqs',
  'azertyuiopqsdf',
  'qwertyuiopas',
  'azerty123456',
  'qwerty123456',
  'a1z2e3r4t5y6',
  'azertyazerty',
  'qwertyqwerty',
  'passwordpassword',
  'motdepassemotdepasse',
  'iloveyou1234',
];

const BASE_WORDS = [
  'motdepasse',
  'password',
  'passw0rd',
  'azertyuiop',
  'azerty',
  'qwertyuiop',
  'qwerty',
  'bonjour',
  'soleil',
  'doudou',
  'chouchou',
  'loulou',
  'jetaime',
  'marseille',
  'paris',
  'famille',
  'portailfamille',
  'portail',
  'mairie',
  'cantine',
  'garderie',
  'enfance',
  'administrateur',
  'admin',
  'changeme',
  'bienvenue',
  'welcome',
  'letmein',
  'football',
  'princesse',
  'nicolas',
  'camille',
  'julien',
  'doudoune',
  'motdepasseoublie',
  'secret',
  'abcdef',
  'abc',
  'azertyqwerty',
];

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(WHOLE);
const COMMON_BASES: ReadonlySet<string> = new Set(BASE_WORDS);

/** True for a listed password, or a listed base word padded with digits, spaces or symbols. */
export function isCommonPassword(folded: string): boolean {
  if (COMMON_PASSWORDS.has(folded)) return true;
  const letters = folded.replace(/[^\p{L}]/gu, '');
  return COMMON_BASES.has(letters);
}
