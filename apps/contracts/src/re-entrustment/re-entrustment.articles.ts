/**
 * The paragraphs of the Regulations an obligation flowed down to a subcontractor can be equivalent
 * to (Art 6.2: "obligations equivalent to those stipulated in the preceding article and other
 * obligations under these Regulations"), spelled as the reports spell articles.
 */
export const REGULATION_PARAGRAPHS = [
  'Art 2.1',
  'Art 2.2',
  'Art 3',
  'Art 4',
  'Art 5.1',
  'Art 5.2',
  'Art 5.3',
  'Art 6.1',
  'Art 6.2',
  'Art 7.1',
  'Art 7.2',
  'Art 9.1',
  'Art 9.2',
  'Art 9.3',
  'Art 10',
  'Art 11.1',
  'Art 11.2',
  'Art 11.3',
  'Art 12.2',
  'Art 13.1',
  'Art 13.2',
  'Art 13.6',
] as const;

export const isRegulationParagraph = (value: string): boolean => (REGULATION_PARAGRAPHS as readonly string[]).includes(value);
