import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { bootLocale } from './lib/ipc';
import { setLocale } from './lib/l10n/index.svelte';

// Marks for benches/startup.mjs (User Timing): where the first window's time goes.
performance.mark('ui-start');
if (bootLocale) setLocale(bootLocale);
mount(App, { target: document.getElementById('app')! });
