/**
 * Noto Sans JP (SIL OFL, from @expo-google-fonts/noto-sans-jp as TrueType) for every document:
 * Japanese names and addresses as well as Latin text. Read once per process; pdfkit embeds only
 * the glyphs a document uses, so a certificate carries tens of kilobytes of font, not 5 MB.
 */
import { readFile } from 'node:fs/promises';

export interface DocumentFonts {
  regular: Buffer;
  bold: Buffer;
}

const fontFile = (weight: string): string => require.resolve(`@expo-google-fonts/noto-sans-jp/${weight}/NotoSansJP_${weight}.ttf`);

let loading: Promise<DocumentFonts> | undefined;

export const loadDocumentFonts = async (): Promise<DocumentFonts> => {
  loading ??= Promise.all([readFile(fontFile('400Regular')), readFile(fontFile('700Bold'))]).then(([regular, bold]) => ({ regular, bold }));
  return await loading;
};
