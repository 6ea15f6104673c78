// A hostile connection name is data: stored, shown as text everywhere, and never run as markup.
import * as assert from 'node:assert/strict';
import { createConnectionViaForm, formFrame, openWorkbench, rowTooltip, statusItem, treeRow, type Workbench } from './harness';

// Markup injected anywhere would leave a trace whatever the CSP allows: the <b data-hostile> element exists as soon
// as the name is parsed as HTML (no script needed), and the handler sets a marker where scripts may run.
const HOSTILE = '<img src=x onerror="document.documentElement.dataset.pwned=1;alert(1)"><b data-hostile>b</b>';

describe('journey: a hostile connection name', () => {
  let wb: Workbench;
  const dialogs: string[] = [];
  before(async () => {
    wb = await openWorkbench();
    wb.page.on('dialog', (d) => {
      dialogs.push(d.message());
      // The dialog is already recorded, which fails the test; a dismiss refused because the page closed adds nothing.
      d.dismiss().catch(() => {});
    });
    await statusItem(wb.page, 'No default connection').waitFor({ timeout: 90_000 });
  });
  after(async () => wb?.close());

  it('is shown as text in the tree and the edit form, and no script runs', async () => {
    const { page } = wb;
    await createConnectionViaForm(page, { name: HOSTILE, model: 'gpt-4o-mini' });
    const row = treeRow(page, HOSTILE);
    assert.equal(await row.locator('.label-name').innerText(), HOSTILE);
    await row.click(); // a row's own command opens it in the form
    const form = formFrame(page);
    const name = form.locator('[data-field="name"] input');
    await name.waitFor();
    assert.equal(await name.inputValue(), HOSTILE);
    const tab = page.locator('.tabs-container .tab .label-name', { hasText: `Edit: ${HOSTILE}` });
    assert.equal(await tab.count(), 1, 'the editor tab names the connection as text');
    assert.equal(await form.locator('img').count(), 0, 'no element was made from the name');
    assert.equal(await form.locator('[data-hostile]').count(), 0, 'the form parsed the name as markup');
    assert.equal(await form.locator('html[data-pwned]').count(), 0, 'a handler from the name ran in the form');

    // The tree row's tooltip is Markdown: the name must come out as text there too.
    const shown = await rowTooltip(page, HOSTILE, 'API key');
    assert.ok(shown.includes('<b data-hostile>'), `the tooltip shows the name as typed: ${shown}`);

    assert.equal(await page.locator('img[src="x"]').count(), 0);
    assert.equal(await page.locator('[data-hostile]').count(), 0, 'the workbench parsed the name as markup');
    assert.equal(await page.locator('html[data-pwned]').count(), 0, 'a handler from the name ran in the workbench');
    assert.deepEqual(dialogs, []);
  });
});
