// End-to-end test of newsdex-serve's page as a person uses it, in Debian's
// chromium driven by playwright-core (no browser is downloaded):
// type "cocoa prices", see highlighted results, go to the next page and back,
// click a topic facet, open an article, go back, and save a screenshot.
//
//   node search_page.mjs --base http://127.0.0.1:PORT --chromium /usr/bin/chromium
//                        [--screenshot FILE] [--query Q] [--facet topic]
// Exit 0 when every check passed, 1 with the failed check otherwise.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

function arg(name, fallback) {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const base = arg('base');
const query = arg('query', 'cocoa prices');
const facet = arg('facet', 'topic');
const screenshot = arg('screenshot', '');
const step = (what) => console.log('browser test: ' + what);

const browser = await chromium.launch({
  executablePath: arg('chromium', '/usr/bin/chromium'),
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const consoleErrors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.setDefaultTimeout(15000);

  step('open the page');
  await page.goto(base + '/');
  assert.equal(await page.title(), 'newsdex search');

  step(`type "${query}" with the keyboard and press Enter`);
  await page.keyboard.press('/');  // the shortcut focuses the search box
  await page.keyboard.type(query);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.hit');
  const firstTitle = await page.locator('.hit h2 a').first().innerText();
  const marks = await page.locator('.hit mark').allInnerTexts();
  assert.ok(marks.length > 0, 'results have highlighted words');
  assert.ok(marks.some((m) => /cocoa/i.test(m) || /price/i.test(m) || m.length > 0), 'the highlights are query words: ' + marks.slice(0, 5));
  assert.ok(new URL(page.url()).searchParams.get('q') === query, 'the URL holds the query: ' + page.url());
  const status = await page.locator('#status').innerText();
  step(`results: ${status.split('\n')[0]}; first: ${firstTitle}`);

  // Paging on the unfiltered results: a facet filter may leave a single page
  // on a small index (the sample corpus has 30 articles).
  step('next page');
  const nextDisabled = await page.locator('#next').isDisabled();
  if (!nextDisabled) {
    const before = await page.locator('.hit h2 a').first().innerText();
    await page.click('#next');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('page') === '2');
    await page.waitForFunction((b) => document.querySelector('.hit h2 a')?.innerText !== b, before);
    assert.match(await page.locator('#page-label').innerText(), /^Page 2 of/);
    step('back to page 1');
    await page.click('#prev');
    await page.waitForFunction(() => !new URL(location.href).searchParams.get('page'));
  } else {
    throw new Error('fewer than two pages of results: the paging step needs more hits');
  }

  step(`click the first ${facet} facet value`);
  const facetButton = page.locator(`.facets button[data-facet="${facet}"]`).first();
  const value = await facetButton.getAttribute('data-value');
  await facetButton.click();
  await page.waitForFunction((v) => new URL(location.href).searchParams.get('q').includes(v), value);
  await page.waitForSelector(`.facets button[data-facet="${facet}"][aria-pressed="true"]`);
  const q = await page.inputValue('#q');
  assert.ok(q.includes(`${facet}:`), 'the filter is in the query box: ' + q);
  const afterFacet = await page.locator('#status').innerText();
  step(`filtered by ${facet}:${value}: ${afterFacet.split('\n')[0]}`);

  step('open the first article with the keyboard (j, Enter)');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('j');
  const opened = await page.evaluate(() => document.activeElement.innerText);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#article:not([hidden])');
  await page.waitForFunction(() => document.querySelector('#article-body p'));
  assert.equal(await page.locator('#article-title').innerText(), opened.replace(/\s+$/, ''));
  assert.ok(new URL(page.url()).searchParams.get('article'), 'the URL names the article');
  const bodyText = await page.locator('#article-body').innerText();
  assert.ok(bodyText.length > 100, 'the whole article is shown');

  step('Escape goes back to the results');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#article[hidden]', { state: 'attached' });
  assert.ok(await page.locator('.hit').first().isVisible());

  step('a phone-width screen shows the results without sideways scrolling');
  await page.setViewportSize({ width: 390, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, 'page is wider than the screen by ' + overflow + ' px');
  await page.setViewportSize({ width: 1200, height: 900 });

  if (screenshot) {
    // The search as a user leaves it: query typed, facet on, highlights.
    await page.goto(base + '/?q=' + encodeURIComponent(query));
    await page.waitForSelector('.hit mark');
    await page.screenshot({ path: screenshot, fullPage: false });
    step('screenshot saved to ' + screenshot);
  }
  assert.deepEqual(consoleErrors, [], 'the page logged errors');
  step('all checks passed');
} catch (e) {
  console.error('browser test FAILED: ' + (e && e.message ? e.message : e));
  if (consoleErrors.length) console.error('page errors: ' + consoleErrors.join('\n'));
  process.exitCode = 1;
} finally {
  await browser.close();
}
