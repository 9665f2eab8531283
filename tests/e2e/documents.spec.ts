import { expect, test } from '@playwright/test';
import { openClaimViaApi, signedInAs } from './helpers';

/** A 1×1 PNG and a one-page PDF, made here as a phone and an estimating tool would send them. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAX+XDSwAAAABJRU5ErkJggg==',
  'base64',
);
function onePagePdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 20 100 Td (${text}) Tj ET`;
  const objects = [
    '<</Type/Catalog/Pages 2 0 R>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>',
    `<</Length ${stream.length}>>stream\n${stream}\nendstream`,
    '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj${o}endobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) pdf += `${String(off).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

test('an adjuster adds a photo and an estimate to a case and sees their previews; another group gets 404', async ({
  page,
  browser,
  request,
}) => {
  const claim = await openClaimViaApi(request, {
    damageEstimate: 12000,
    deductible: 500,
    coverageLimit: 100000,
    fraudScore: 0.1,
  });
  await page.setViewportSize({ width: 1400, height: 1000 });
  await signedInAs(page, 'adjuster@example.com');
  await page.goto(`/cases/${claim.id}`);
  const panel = page.getByRole('region', { name: 'Documents' });
  await expect(panel.getByText('No documents yet.')).toBeVisible();

  // Both at once through the labelled file picker.
  await panel.getByLabel('Add documents').setInputFiles([
    { name: 'front-bumper.png', mimeType: 'image/png', buffer: PNG },
    { name: 'repair-estimate.pdf', mimeType: 'application/pdf', buffer: onePagePdf('Estimate') },
  ]);
  await expect(panel.getByRole('list', { name: 'Uploads' }).getByText('Uploaded')).toHaveCount(2);

  const list = panel.getByRole('list', { name: 'Documents' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list).toContainText('Alex Adjuster');
  await expect(list).toContainText('PDF');

  // The photo's thumbnail is the picture itself, loaded through the download route.
  const thumbnail = list.getByRole('img', { name: 'Preview of front-bumper.png' });
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(1);

  // The estimate opens in the browser's PDF viewer in a new tab.
  const preview = list.getByRole('link', {
    name: 'Preview repair-estimate.pdf (opens in a new tab)',
  });
  const [tab] = await Promise.all([page.waitForEvent('popup'), preview.click()]);
  await tab.waitForLoadState();
  expect(tab.url()).toMatch(/\/api\/documents\/[0-9a-f-]+\?inline=1$/);
  const pdf = await page.request.get(tab.url());
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect(pdf.headers()['content-disposition']).toMatch(/^inline; filename="repair-estimate.pdf"/);
  expect(pdf.headers()['x-content-type-options']).toBe('nosniff');
  expect(pdf.headers()['content-security-policy']).toBe(
    "default-src 'none'; frame-ancestors 'none'",
  );
  await tab.close();

  // The download link gives the same bytes back as an attachment.
  const href = await list
    .getByRole('link', { name: 'Download front-bumper.png' })
    .getAttribute('href');
  const file = await page.request.get(href!);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-disposition']).toMatch(/^attachment;/);
  expect(file.headers()['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);
  expect(Buffer.from(await file.body()).equals(PNG)).toBe(true);

  // On the task page a file dropped on the zone is stored with that task.
  await page.goto(`/tasks/${claim.firstTaskId}`);
  const taskPanel = page.getByRole('region', { name: 'Documents' });
  await expect(
    taskPanel.getByRole('list', { name: 'Documents' }).getByRole('listitem'),
  ).toHaveCount(2);
  const dropped = await page.evaluateHandle((b64) => {
    const dt = new DataTransfer();
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    dt.items.add(new File([bytes], 'dropped-photo.png', { type: 'image/png' }));
    return dt;
  }, PNG.toString('base64'));
  await taskPanel
    .getByTestId('document-drop-zone')
    .dispatchEvent('drop', { dataTransfer: dropped });
  const taskList = taskPanel.getByRole('list', { name: 'Documents' });
  await expect(taskList.getByRole('listitem')).toHaveCount(3);
  await expect(
    taskList.getByRole('listitem').filter({ hasText: 'dropped-photo.png' }),
  ).toContainText('from ');

  // The special investigator works another group's cases: the file does not exist for them.
  const other = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const siu = await other.newPage();
  await signedInAs(siu, 'siu@example.com');
  const refused = await siu.request.get(href!);
  expect(refused.status()).toBe(404);
  expect((await refused.json()).error.code).toBe('not_found');
  const inlineRefused = await siu.request.get(`${href}?inline=1`);
  expect(inlineRefused.status()).toBe(404);
  const listRefused = await siu.request.get(`/api/cases/${claim.id}/documents`);
  expect(listRefused.status()).toBe(404);
  await other.close();
});
