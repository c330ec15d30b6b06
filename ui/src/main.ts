import { mount, unmount } from 'svelte';
import './app.css';
import App from './App.svelte';
import Unlock from './lib/lock/Unlock.svelte';
import { bootLocale, bootLocked } from './lib/ipc';
import { setLocale } from './lib/l10n/index.svelte';

// Marks for benches/startup.mjs (User Timing): where the first window's time goes.
performance.mark('ui-start');
if (bootLocale) setLocale(bootLocale);
const target = document.getElementById('app')!;

// Encrypted personal data (#18): while locked only the unlock prompt is on the page; the library
// is mounted once it is unlocked. Locking reloads the page, so that nothing the library view
// held (titles, notes, listeners) stays in the page's memory; the session storage says "start on
// the prompt" across that reload (the shell's boot value is the one from the app's start).
const LOCKED = 'peerlib-locked';
let current: Record<string, unknown> | null = null;
function show(locked: boolean) {
  if (current) unmount(current);
  target.replaceChildren();
  current = locked
    ? mount(Unlock, { target, props: { onunlocked: () => { sessionStorage.removeItem(LOCKED); show(false); } } })
    : mount(App, { target, props: { onlocked: () => { sessionStorage.setItem(LOCKED, '1'); location.reload(); } } });
}
show(bootLocked || sessionStorage.getItem(LOCKED) === '1');
