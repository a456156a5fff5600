/**
 * The browser the viewer is checked in: Debian's Chromium (never a downloaded build),
 * started headless with no network services of its own.
 */

/** Where Debian puts Chromium. */
export const CHROMIUM = '/usr/bin/chromium';

/** The flags it is started with (playwright adds a fresh `--user-data-dir` per launch). */
export const CHROMIUM_FLAGS: readonly string[] = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** How to get it. */
export const INSTALL_CHROMIUM = 'apt-get update && apt-get install -y chromium';
