/** The renderer: Japanese text that comes out of the PDF, a small embedded subset, pages, and the same bytes twice. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { DOCUMENT_TEMPLATE_LAYOUTS } from './document-templates';
import { loadDocumentFonts } from './fonts';
import { renderPdf } from './pdf-renderer';
import { sampleHeader, sampleRow, sampleRows } from './sample-document';

const DOCUMENT_ID = '0193a2b4-7c1a-7000-8000-0000000000d1';

const render = async (rows: number, template: 'certificate' | 'report' = 'certificate') => {
  const pdf = renderPdf({
    template: DOCUMENT_TEMPLATE_LAYOUTS[template],
    header: sampleHeader(),
    rows: sampleRows(rows),
    fonts: await loadDocumentFonts(),
    documentId: DOCUMENT_ID,
  });
  const [bytes, { pages }] = await Promise.all([buffer(pdf.stream), pdf.done]);
  return { bytes, pages };
};

describe('PDF renderer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'azt-pdf-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** What poppler's pdftotext reads out of the document: what a reader's search and copy see. */
  const textOf = (bytes: Buffer, name: string): string => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8' });
  };
  const pagesOf = (bytes: Buffer, name: string): number => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    return Number(/^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  };

  it('writes Japanese names, addresses, title and labels that come out of the PDF as text', async () => {
    const { bytes, pages } = await render(30);
    const text = textOf(bytes, 'certificate.pdf');

    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages).toBe(1);
    expect(text).toContain('廃棄証明書');
    expect(text).toContain('Certificate of Disposal');
    expect(text).toContain('委託者 / Client');
    expect(text).toContain('株式会社あずかり商事');
    expect(text).toContain('下記の個人データを含む資料を');
    for (const i of [0, 11, 29]) {
      const [, name, address] = sampleRow(i);
      expect(text).toContain(String(name));
      expect(text).toContain(String(address));
    }
    expect(text).toContain('発行日 / Issued: 2026-11-20 12:15 JST');
    expect(text).toContain(DOCUMENT_ID);
  });

  it('embeds only the glyphs it uses: a certificate is tens of kilobytes, not the 5 MB font', async () => {
    const { bytes } = await render(30);
    expect(bytes.length).toBeLessThan(60_000);
  });

  it('breaks a long table over pages, the column header on each, and counts them as the PDF does', async () => {
    const { bytes, pages } = await render(2_000, 'report');
    expect(pages).toBeGreaterThan(40);
    expect(pagesOf(bytes, 'report.pdf')).toBe(pages);
    const text = textOf(bytes, 'report.pdf');
    expect(text.match(/本人氏名/g)).toHaveLength(pages);
    expect(text).toContain(`${pages} ページ / page`);
    expect(text).toContain(String(sampleRow(1_999)[2]));
  });

  it('renders the same content issued at the same time to the same bytes, so a re-run stores the same document', async () => {
    const [a, b] = [await render(200), await render(200)];
    expect(a.bytes.equals(b.bytes)).toBe(true);
  });
});
