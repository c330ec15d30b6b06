// End to end through the real app: the built binary in a real webview under Xvfb, driven by
// tauri-driver. Each locale starts on a fresh data folder, so each is a first run (journey 1).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Session, startDriver, until, freshDataDir } from './webdriver.mjs';

const APP = process.env.APP_BINARY;

// What each locale must show for the starter library (our own translations, not the content's).
const EXPECT = {
  en: { guideTitle: 'C19RM community consultation guide', guideKind: 'Guide', statementKind: 'Statement', count: '4 documents', back: 'Back to the library', date: 'Jun 10, 2021' },
  fr: { guideTitle: 'Guide de consultation communautaire sur le C19RM', guideKind: 'Guide', statementKind: 'Déclaration', count: '4 documents', back: 'Retour à la bibliothèque', date: '10 juin 2021' },
  es: { guideTitle: 'Guía de consulta comunitaria sobre el C19RM', guideKind: 'Guía', statementKind: 'Declaración', count: '4 documentos', back: 'Volver a la biblioteca', date: '10 jun 2021' },
  ru: { guideTitle: 'Руководство по консультациям с сообществами по C19RM', guideKind: 'Руководство', statementKind: 'Заявление', count: '4 документа', back: 'Назад в библиотеку', date: '10 июн. 2021 г.' },
};

/** What the library table shows, read from the screen. */
const READ_ROWS = `return [...document.querySelectorAll('li.doc-row')].map((r) => ({
  id: r.dataset.docId,
  kind: r.dataset.kind,
  language: r.dataset.language,
  title: r.querySelector('.title').textContent.trim(),
  kindText: r.querySelector('.kind').textContent.trim(),
  date: r.querySelector('.date').textContent.trim(),
  languages: [...r.querySelectorAll('.lang')].map((l) => l.textContent.trim()),
}));`;

describe('Peer Library, end to end', { timeout: 300000 }, () => {
  let driver;
  before(async () => {
    assert.ok(APP && existsSync(APP), `APP_BINARY must name the built app (got ${APP})`);
    driver = await startDriver();
  });
  after(async () => driver && (await driver.stop()));

  for (const [locale, want] of Object.entries(EXPECT)) {
    it(`first run in ${locale}: the starter library is listed, opened and switched`, async () => {
      const dataDir = freshDataDir();
      const s = await Session.start(driver.base, APP, ['--data-dir', dataDir, '--lang', locale]);
      try {
        const rows = await until(async () => {
          const r = await s.execute(READ_ROWS);
          return r.length >= 4 ? r : null;
        }, 'the starter library to be listed');

        assert.equal(rows.length, 4, 'statement, report, guide (one row for four languages) and hub');
        const guide = rows.find((r) => r.kind === 'guide');
        assert.ok(guide, 'the guide is listed');
        assert.equal(guide.title, want.guideTitle, `the guide shows in ${locale}`);
        assert.equal(guide.language, locale, 'the best language is the interface language');
        assert.equal(guide.kindText, want.guideKind, 'the kind is localised');
        assert.deepEqual(guide.languages, ['EN', 'ES', 'FR', 'RU'], 'all four languages are offered');
        const statement = rows.find((r) => r.kind === 'statement');
        assert.equal(statement.kindText, want.statementKind);
        assert.equal(statement.date, want.date, 'dates are formatted for the locale');
        assert.equal(await s.text('[data-testid="library-count"]'), want.count, 'the count uses the locale plural');
        assert.ok(existsSync(join(dataDir, 'content.db')), 'the library was written to --data-dir');

        // A command called directly through the UI's IPC bridge agrees with the screen.
        const listed = await s.executeAsync(
          'const done = arguments[arguments.length - 1];' +
            "window.__TAURI_INTERNALS__.invoke('library_page', { query: null, offset: 0, limit: 1000 }).then((p) => done(p.entries.map((e) => e.id)), (e) => done({ error: e }));",
        );
        assert.deepEqual([...listed].sort(), rows.map((r) => r.id).sort(), 'library_page returns what is shown');
        const refused = await s.executeAsync(
          'const done = arguments[arguments.length - 1];' +
            "window.__TAURI_INTERNALS__.invoke('plugin:opener|open_url', { url: 'https://example.org' }).then(() => done('allowed'), (e) => done(String(e)));",
        );
        assert.notEqual(refused, 'allowed', 'the web side has no opener permission (least privilege)');

        await s.screenshot(`library-${locale}`);

        // Open the guide: the reader calls document_get and shows its translations.
        await s.click(`li[data-doc-id="${guide.id}"] button.doc-title`);
        const heading = await until(async () => (await s.text('#reader-title')) || null, 'the reader to open');
        assert.equal(heading, want.guideTitle);
        assert.equal(await s.text('button.back'), `← ${want.back}`);
        const switches = await s.execute("return [...document.querySelectorAll('.lang-switch')].map((b) => b.dataset.language)");
        assert.deepEqual(switches.sort(), ['en', 'es', 'fr', 'ru'].filter((l) => l !== locale), 'the other three languages are one click away');
        const attachments = await s.execute("return [...document.querySelectorAll('.attachment')].map((a) => a.dataset.mediaType)");
        assert.equal(attachments.length, 2, 'PDF and PowerPoint deck are listed');
        await s.screenshot(`reader-${locale}`);

        // Switch to another language: the reader shows that translation.
        const other = locale === 'ru' ? 'en' : 'ru';
        await s.click(`.lang-switch[data-language="${other}"]`);
        await until(async () => (await s.text('#reader-title')) === EXPECT[other].guideTitle, `the ${other} translation`);

        // Journey 3, search as you type: accent-free words find the statement (its French words
        // "santé mentale"), and a phrase from inside the guide's PDF finds the guide.
        const box = await s.find('#search');
        await s.cmd('POST', `/element/${box}/value`, { text: 'sante mentale' });
        const READ_HITS = "return [...document.querySelectorAll('.search-hit')].map((h) => ({ id: h.dataset.docId, marks: [...h.querySelectorAll('mark')].map((m) => m.textContent), attachment: !!h.querySelector('.from-attachment') }))";
        const hits = await until(async () => {
          const h = await s.execute(READ_HITS);
          return h.length ? h : null;
        }, 'search results');
        assert.equal(hits[0].id, statement.id, 'the statement is found without accents');
        assert.ok(hits[0].marks.some((m) => m.toLowerCase() === 'santé'), `the match is marked: ${JSON.stringify(hits[0].marks)}`);
        await s.screenshot(`search-${locale}`);
        await s.execute("const b = document.querySelector('#search'); b.value = '\"30% for communities\"'; b.dispatchEvent(new Event('input', { bubbles: true }));");
        const fromPdf = await until(async () => {
          const h = await s.execute(READ_HITS);
          return h.length === 1 && h[0].id === 'c19rm-guide-en' ? h : null;
        }, 'the phrase from the PDF');
        assert.ok(fromPdf[0].attachment, 'the result says it was found in an attachment');
        await s.execute("const b = document.querySelector('#search'); b.value = 'zzqxw'; b.dispatchEvent(new Event('input', { bubbles: true }));");
        await until(async () => (await s.execute("return !!document.querySelector('[data-testid=search-none]')")), 'the no-results state');
      } finally {
        await s.close();
      }
    });
  }

  it('journey 3: a bookmark and a private note survive a restart of the app', async () => {
    const dataDir = freshDataDir();
    const statement = 'joint-statement-drug-use-mental-health-2021';
    const openStatement = async (s) => {
      await until(async () => (await s.execute(READ_ROWS)).length >= 4, 'the library');
      await s.click(`li[data-doc-id="${statement}"] button.doc-title`);
      await until(async () => (await s.execute("return !!document.querySelector('#reader-title') && !!document.querySelector('button.bookmark')")), 'the reader');
    };
    const personal = "return { pressed: document.querySelector('button.bookmark').getAttribute('aria-pressed'), note: document.querySelector('#note').value, state: document.querySelector('.note-state').dataset.state }";
    let s = await Session.start(driver.base, APP, ['--data-dir', dataDir, '--lang', 'fr']);
    try {
      await openStatement(s);
      await s.click('button.bookmark');
      await until(async () => (await s.execute(personal)).pressed === 'true', 'the bookmark');
      const note = await s.find('#note');
      await s.cmd('POST', `/element/${note}/value`, { text: 'Citer au panel HLM 2021.' });
      await until(async () => (await s.execute(personal)).state === 'saved', 'the note to be saved');
      await s.screenshot('reader-personal-fr');
    } finally {
      await s.close();
    }
    assert.ok(existsSync(join(dataDir, 'user.db')), 'user data is kept in its own file');
    s = await Session.start(driver.base, APP, ['--data-dir', dataDir, '--lang', 'fr']);
    try {
      await openStatement(s);
      const p = await until(async () => {
        const v = await s.execute(personal);
        return v.note ? v : null;
      }, 'the note after a restart');
      assert.equal(p.note, 'Citer au panel HLM 2021.', 'the private note is still there');
      assert.equal(p.pressed, 'true', 'the bookmark is still there');
    } finally {
      await s.close();
    }
  });

  it('an existing data folder is kept: the second start imports nothing twice', async () => {
    const dataDir = freshDataDir();
    for (let i = 0; i < 2; i++) {
      const s = await Session.start(driver.base, APP, [`--data-dir=${dataDir}`, '--lang', 'en']);
      try {
        const n = await until(async () => {
          const r = await s.execute(READ_ROWS);
          return r.length ? r.length : null;
        }, 'the library');
        assert.equal(n, 4, `start ${i + 1} lists the same four entries`);
      } finally {
        await s.close();
      }
    }
    assert.ok(statSync(join(dataDir, 'content.db')).size > 0);
  });
});
