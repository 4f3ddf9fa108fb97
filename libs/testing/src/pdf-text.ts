/** The text of a PDF, page by page, and each run of text with its font size, as pdfjs-dist reads it. */
export async function pdfText(pdf: Buffer): Promise<{ pages: string[]; pageCount: number; runs: { text: string; size: number }[] }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false });
  const document = await task.promise;
  const pages: string[] = [];
  const runs: { text: string; size: number }[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    const text = await page.getTextContent();
    const items = text.items.filter((item): item is Extract<(typeof text.items)[number], { str: string }> => 'str' in item);
    pages.push(items.map((item) => item.str).join(' '));
    for (const item of items) if (item.str.trim()) runs.push({ text: item.str, size: Math.hypot(item.transform[0], item.transform[1]) });
  }
  const pageCount = document.numPages;
  await task.destroy();
  return { pages, pageCount, runs };
}
