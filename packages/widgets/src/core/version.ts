/** The version of this widgets package, compared when a tag is already defined on the page. */
export const VERSION = '0.1.0';
