// A connection's model capabilities, overridden in the form's Advanced section and seen where a user looks:
// the Connections view's tooltip ("In chat: … images no · 50K context …") and the form opened again.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createConnectionViaForm, formFrame, inlineAction, openWorkbench, rowTooltip, screenshot, statusItem, treeRow, type Workbench } from './harness';

const NAME = 'Capable';

const tooltip = (page: Page, text: string) => rowTooltip(page, NAME, text);

async function openForm(page: Page) {
  await inlineAction(treeRow(page, NAME), 'Edit Connection');
  const form = formFrame(page);
  await form.locator('[data-field="name"] input').waitFor();
  return form;
}

describe('journey: override model capabilities in the form', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench();
    await statusItem(wb.page, 'No default connection').waitFor({ timeout: 90_000 });
  });
  after(async () => wb?.close());

  it('sets Image input to No and a 50000-token context window, and the tooltip says so', async () => {
    const { page } = wb;
    await createConnectionViaForm(page, { name: NAME, model: 'gpt-4o-mini' });
    // Detected from the known-model table: gpt-4o takes images, with a 128K window.
    assert.match(await tooltip(page, 'images yes'), /images yes · 128K context/);

    const form = await openForm(page);
    const advanced = form.locator('details.advanced');
    assert.equal(await advanced.getAttribute('open'), null, 'Advanced opened with nothing set in it');
    await advanced.locator('summary').click();
    const images = form.locator('[data-field="imageInput"]');
    await images.click();
    await images.getByRole('option', { name: 'No', exact: true }).click();
    await form.locator('[data-field="imageInput"] [part="selected-value"]', { hasText: 'No' }).waitFor();
    await form.locator('[data-field="contextWindow"] input').fill('50000');
    await screenshot(page, 'capabilities-form');
    await form.locator('[data-action="save"]').click();

    assert.match(await tooltip(page, 'images no'), /tools yes · images no · 50K context/);
  });

  it('shows the overrides when the form opens again, with Advanced open by itself', async () => {
    const { page } = wb;
    const form = await openForm(page);
    const advanced = form.locator('details.advanced');
    await advanced.locator('[data-field="contextWindow"] input').waitFor({ state: 'visible' });
    assert.equal(await form.locator('[data-field="contextWindow"] input').inputValue(), '50000');
    assert.equal(await form.locator('[data-field="maxOutputTokens"] input').inputValue(), '');
    assert.equal((await form.locator('[data-field="imageInput"] [part="selected-value"]').innerText()).trim(), 'No');
    assert.equal((await form.locator('[data-field="toolCalling"] [part="selected-value"]').innerText()).trim(), 'Detect automatically');
  });

  it('refuses a context window that is not a whole number of tokens, beside the field, and stores nothing', async () => {
    const { page } = wb;
    const form = formFrame(page);
    const context = form.locator('[data-field="contextWindow"] input');
    await context.fill('50k');
    await form.locator('[data-role="error-contextWindow"]', { hasText: 'whole number of tokens' }).waitFor();
    await form.locator('[data-action="save"]').click();
    // The form stays open with the error; the stored value is still the old one.
    await form.locator('[data-role="error-contextWindow"]', { hasText: 'whole number of tokens' }).waitFor();
    assert.equal(await form.locator('[data-field="contextWindow"]').getAttribute('aria-invalid'), 'true');
    await screenshot(page, 'capabilities-invalid');
    assert.match(await tooltip(page, 'images no'), /50K context/);
  });
});
