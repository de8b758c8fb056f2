// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core, with the
// flags that keep it off the network (tests talk to 127.0.0.1 only).
import { chromium } from 'playwright-core';

export const baseUrl = process.env.NUBO_URL ?? 'http://127.0.0.1:8080';
export const artifacts = process.env.NUBO_ARTIFACTS ?? 'target/e2e';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// Collects what would show up red in the developer console, so a test can assert there is none.
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText;
    // nubo aborts the requests of a page the user leaves (the fetch's AbortController is
    // dropped with the page): cancellation by design, not a failure.
    if (reason === 'net::ERR_ABORTED') return;
    errors.push(`request failed: ${request.url()} ${reason}`);
  });
  return errors;
}
