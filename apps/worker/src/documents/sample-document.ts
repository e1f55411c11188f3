/**
 * A disposal-certificate-shaped document with Japanese names and addresses, of any number of
 * rows: what the tests, the memory check and the bench (tests/bench/pdf.mjs) render. Made up
 * here, never read from anywhere.
 */
import type { DocumentHeader, DocumentRow } from '@azukari/routes';

const FAMILY = ['山田', '佐藤', '鈴木', '高橋', '田中', '渡辺', '伊藤', '中村', '小林', '加藤'];
const GIVEN = ['太郎', '花子', '一郎', '美咲', '健太', 'さくら', '翔太', '陽菜', '大輔', '結衣'];
const PLACES = [
  '東京都千代田区丸の内',
  '大阪府大阪市北区梅田',
  '北海道札幌市中央区北一条西',
  '福岡県福岡市博多区博多駅前',
  '愛知県名古屋市中村区名駅',
];

export const sampleHeader = (issuedAt = '2026-11-20T03:15:00.000Z'): DocumentHeader => ({
  title: { ja: '廃棄証明書', en: 'Certificate of Disposal' },
  fields: [
    { label: { ja: '委託者', en: 'Client' }, value: '株式会社あずかり商事 (Azukari Trading Co., Ltd.)' },
    { label: { ja: '契約番号', en: 'Contract' }, value: '0193a2b4-7c1a-7000-8000-00000000000a' },
    { label: { ja: '受託者', en: 'Processor' }, value: 'データ保管センター 東京第一' },
  ],
  sections: [
    {
      heading: { ja: '証明事項', en: 'Statement' },
      body:
        '下記の個人データを含む資料を、契約に定める方法により復元不可能な状態で廃棄したことを証明します。' +
        ' We certify that the records below, containing personal data, were disposed of beyond recovery as the contract requires.',
    },
  ],
  columns: [
    { label: { ja: '番号', en: 'No.' }, width: 6, align: 'right' },
    { label: { ja: '本人氏名', en: 'Data subject' }, width: 16, align: 'left' },
    { label: { ja: '住所', en: 'Address' }, width: 36, align: 'left' },
    { label: { ja: '廃棄方法', en: 'Method' }, width: 12, align: 'left' },
    { label: { ja: '頁数', en: 'Pages' }, width: 8, align: 'right' },
  ],
  issuedAt,
});

export const sampleRow = (i: number): DocumentRow => [
  i + 1,
  `${FAMILY[i % FAMILY.length]} ${GIVEN[Math.floor(i / FAMILY.length) % GIVEN.length]}`,
  `${PLACES[i % PLACES.length]}${(i % 9) + 1}丁目${(i % 28) + 1}番${(i % 17) + 1}号`,
  i % 3 === 0 ? '溶解 / Pulping' : '裁断 / Shredding',
  (i * 37) % 500,
];

export async function* sampleRows(count: number): AsyncIterable<DocumentRow> {
  for (let i = 0; i < count; i += 1) yield sampleRow(i);
}
