/**
 * The viewer's entry point in the page: reads the packed trace document, unpacks it, and
 * starts the viewer; wires the replay command's copy button.
 */
import { unpackDoc, type PackedDoc } from '../pack.ts';
import { App, type ViewerHandle } from './app.ts';
import { byId } from './dom.ts';

declare global {
  interface Window {
    /** The running viewer (tests and the bench read it). */
    dstViewer?: ViewerHandle;
  }
}

function copyButton(): void {
  const b = byId<HTMLButtonElement>('copy-replay');
  b.addEventListener('click', async () => {
    const text = byId('replay-cmd').textContent ?? '';
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      const r = document.createRange();
      r.selectNodeContents(byId('replay-cmd'));
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(r);
      ok = document.execCommand('copy');
    }
    b.textContent = ok ? 'copied' : 'select and copy';
    setTimeout(() => (b.textContent = 'copy'), 1500);
  });
}

const packed = JSON.parse(byId('dst-trace').textContent ?? '{}') as PackedDoc;
const app = new App(unpackDoc(packed));
window.dstViewer = app.handle();
copyButton();
