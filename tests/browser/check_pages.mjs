// Browser check of Tessera's pages (run by tests/test_browser.cpp): loads the Cesium page of a
// geospatial image, waits for document.title 'ready' (imagery loaded), screenshots it; loads the
// pixel viewer of a second image the same way; loads /docs and counts the rendered operations.
// usage: node check_pages.mjs BASE_URL OUT_DIR GEO_ID FLAT_ID
// Prints one JSON line: {cesium: bool, viewer: bool, operations: n, errors: [...]}
import puppeteer from 'puppeteer-core';

const [base, outDir, geoId, flatId] = process.argv.slice(2);
const result = {cesium: false, viewer: false, operations: 0, errors: []};
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
         '--ignore-gpu-blocklist', '--disable-dev-shm-usage']});

async function load(url, shot, ready, timeout = 90000) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => result.errors.push(`${shot}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') result.errors.push(`${shot}: ${m.text()}`); });
  await page.setViewport({width: 800, height: 600});
  await page.goto(url, {waitUntil: 'load'});
  let ok = true;
  try {
    await page.waitForFunction(ready, {timeout});
  } catch (e) {
    ok = false;
    result.errors.push(`${shot}: ${e.message}`);
  }
  await new Promise((r) => setTimeout(r, 500));
  await page.screenshot({path: `${outDir}/${shot}.png`});
  return {page, ok};
}

try {
  const c = await load(`${base}api/image/${geoId}/cesium`, 'cesium',
                       () => document.title === 'ready');
  result.cesium = c.ok;
  const v = await load(`${base}api/image/${flatId}/viewer`, 'viewer',
                       () => document.title === 'ready');
  result.viewer = v.ok;
  const d = await load(`${base}docs`, 'docs',
                       () => document.querySelectorAll('.opblock').length > 0, 30000);
  result.operations = await d.page.evaluate(() => document.querySelectorAll('.opblock').length);
} catch (e) {
  result.errors.push(String(e));
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
