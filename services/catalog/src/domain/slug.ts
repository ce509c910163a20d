/** URL-safe, lowercase, ASCII slug of a name: "Café Crème 2L" → "cafe-creme-2l". */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  return slug || 'item';
}

/** A second product with the same name gets the id's random tail appended. */
export function disambiguate(slug: string, id: string): string {
  return `${slug}-${id.slice(-6).toLowerCase()}`;
}
