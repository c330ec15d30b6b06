// The shell, played by fixtures: installed before the app loads (as @tauri-apps/api/mocks does),
// so the built UI runs in a plain browser. Shapes follow the generated bindings in
// src/lib/ipc/bindings; `invoke` answers by command name (or fails, for commands a test names in
// window.__MOCK_FAIL__). Events are accepted and never fire. Type-checked (`npm run check`, with
// tests/tsconfig.json) against the generated bindings, so a fixture cannot drift from the shell.
// @ts-check
(() => {
  /** @type {import('../src/lib/ipc/bindings/Kind').Kind[]} */
  const KINDS = ['statement', 'report', 'guide', 'news', 'event', 'video', 'publication'];
  const LANGS = ['en', 'fr', 'es', 'ru'];
  /** @type {import('../src/lib/ipc/bindings/LibraryEntry').LibraryEntry[]} */
  const entries = Array.from({ length: 300 }, (_, i) => ({
    id: `doc-${i}`,
    group: `group-${i}`,
    kind: KINDS[i % KINDS.length],
    language: LANGS[i % 4],
    title: `Document ${i}: community-led harm reduction in practice`,
    summary: 'How networks of people who use drugs take part in consultations, with what to ask for.',
    published: `20${10 + (i % 12)}-0${1 + (i % 9)}-1${i % 10}`,
    publishers: ['INPUD'],
    languages: LANGS.slice(0, 1 + (i % 4)),
    attachments: i % 3,
    attachments_offline: i % 2,
    verified: i % 10 !== 1,
    // Every tenth from an unverified website over http, one in fifty from a library the user added.
    provenance: i % 10 === 1 ? 'website-http' : i % 50 === 2 ? 'library' : 'network',
    arrived_at: i < 3 ? 2000 : null,
    read: i % 5 === 0,
    bookmarked: i % 7 === 0,
  }));
  /** @type {import('../src/lib/ipc/bindings/Document').Document} */
  const doc = {
    id: 'doc-0', version: 1, kind: 'guide', language: 'en', group: 'group-0',
    title: 'C19RM community consultation guide', summary: 'How networks take part.',
    body_html: '<h2>Why</h2><p>Community-led responses and harm reduction.</p>', publishers: ['INPUD'], tags: ['COVID-19'],
    published: '2021-04-15', updated: null, url: 'https://inpud.net/guide', source: { url: 'https://feed.example/', title: 'INPUD', verified: true }, provenance: 'network',
    translations: [{ id: 'doc-0-ru', language: 'ru', title: 'Руководство' }],
    attachments: [
      { sha256: 'a'.repeat(64), size: 120000, media_type: 'application/pdf', title: 'Guide (PDF)', downloaded: true, text: 'ok', real_type: 'PDF', openable: true },
      { sha256: 'b'.repeat(64), size: 2400000, media_type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', title: 'Deck', downloaded: false, text: 'pending', real_type: null, openable: true },
      { sha256: 'c'.repeat(64), size: 900, media_type: 'application/pdf', title: 'Agenda (PDF)', downloaded: true, text: 'not-its-type', real_type: 'HTML', openable: false },
    ],
  };
  /** @type {import('../src/lib/ipc/bindings/Collection').Collection[]} */
  const collections = [{ id: 1, name: 'HLM 2021 pack', documents: ['doc-0', 'doc-1'] }];
  /** @type {import('../src/lib/ipc/bindings/SettingsView').SettingsView} */
  const settings = {
    sync_interval_minutes: 30, attachment_budget_mb: null, notifications: true, keep_in_background: true, start_at_login: false,
    data_dir: '/home/user/.local/share/peer-library', interval_from_environment: false, language: 'en', interface_language: null,
    languages: ['en', 'fr', 'es', 'ru'], content_languages: [], proxy: null, discreet: false, panic_erase: false, check_updates: true, lock_idle_minutes: null,
  };
  /** @type {Record<string, (a: any) => unknown>} */
  const answers = {
    app_info: () => ({ locale: w.__MOCK_LOCALE__ || 'en', available: ['en', 'fr', 'es', 'ru'], version: '0.1.0', recovery: { library_moved_aside: null, user_moved_aside: null, user_restored_from: null } }),
    library_page: (a) => {
      const all = a.query?.new_only ? entries.filter((e) => e.arrived_at) : entries;
      return { total: all.length, offset: a.offset, order: a.query?.new_only ? 2 : 1, entries: all.slice(a.offset, a.offset + a.limit) };
    },
    library_facets: () => ({ kinds: KINDS, languages: LANGS, tags: ['COVID-19', 'HIV'], publishers: ['INPUD', 'EHRN'], years: [2021, 2020], newest_arrival: 2000, new_groups: 3 }),
    collections_list: () => collections,
    collection_entries: () => entries.slice(0, 2),
    sync_status: () => ({ running: false, last_success: 1700000000, last_attempt: { started_at: 1700000000, finished_at: 1700000005, sources: [] }, failures: 0, next_sync: 1700001800, documents: 300 }),
    document_get: () => doc,
    personal_get: () => ({ bookmarked: true, note: 'Bring to the panel.', read: true, collections: [1] }),
    read_set: () => null,
    collection_item_set: () => null,
    library_search: (a) => ({
      hits: entries.slice(0, 5).map((e) => ({ ...e, score: 1001, snippet: [{ text: '… community-led ', hit: false }, { text: 'harm reduction', hit: true }, { text: ' in practice …', hit: false }], snippet_source: 'body' })),
      more: false,
      query: a,
    }),
    feeds_list: () => [{ url: 'https://feed.example/', title: 'INPUD', kind: 'network', verified: true, public_key: null, seq: 3, etag: null, last_modified: null, body_hash: null, expires_at: null, documents: 300 }],
    settings_get: () => settings,
    settings_set: () => null,
    network_get: () => ({ name: 'INPUD', feed_url: 'https://feed.example/', keys: ['84AB059C196375B2'], source: 'shipped' }),
    update_status: () => ({ version: '0.1.0', ready: null, can_install: false }),
    lock_status: () => ({ encrypted: !!w.__MOCK_ENCRYPTED__, locked: false, library: false }),
    erase_asked: () => false,
  };
  let next = 1;
  const w = /** @type {any} */ (window);
  w.__TAURI_INTERNALS__ = {
    invoke: async (/** @type {string} */ cmd, /** @type {any} */ args = {}) => {
      if (cmd.startsWith('plugin:event|')) return next++;
      // Every command asked, for tests that count them (window.__MOCK_CALLS__).
      (w.__MOCK_CALLS__ ??= []).push({ cmd, args });
      // A test makes a command fail by naming it: window.__MOCK_FAIL__ = { cmd: { code, message } }.
      const fail = w.__MOCK_FAIL__?.[cmd];
      if (fail) throw fail;
      const answer = answers[cmd];
      if (!answer) throw { code: 'internal', message: `no fixture for ${cmd}` };
      return answer(args);
    },
    transformCallback: () => next++,
    unregisterCallback: () => {},
    convertFileSrc: (/** @type {string} */ path, /** @type {string} */ protocol) => `http://${protocol}.localhost/${path}`,
    metadata: { currentWindow: { label: 'main' }, currentWebview: { windowLabel: 'main', label: 'main' } },
  };
  w.__TAURI_EVENT_PLUGIN_INTERNALS__ = { unregisterListener: () => {} };
})();
