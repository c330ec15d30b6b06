// One installer for every network, in the real window (#19 item 6). The first start on the
// built-in network (its starter library) offers "Join a network"; a pasted invitation that is not
// valid is refused in words; an invitation file (chosen in the dialog: PEERLIB_TEST_FILE_CHOICE,
// since WebDriver cannot reach a native dialog) is shown before anything changes; "Join" asks once
// more in the system's dialog (answered by the file PEERLIB_TEST_CONFIRM names), which a "no"
// leaves as it was, and which the page cannot skip by calling the command itself; joining restarts
// the app, which then follows that network: "Sync now" brings its documents and the starter
// library's leave. Leaving is asked in the system's dialog too. The machine-wide file is pointed at a path that does not exist
// (PEERLIB_SYSTEM_NETWORK), so that this machine's /etc does not take part. A joined network whose
// file no longer reads is said, and can be left from the window; a network joined from a terminal
// while the app runs is said to be followed from the next start, with a button to restart now.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session, appsOn, clickAndAwaitRestart, killPids, startDriver, until, freshDataDir, peerlibInput } from './webdriver.mjs';
import { publisher, serve, networkToml } from './feed.mjs';

const APP = process.env.APP_BINARY;
const text = (id) => `return document.querySelector('[data-testid=${id}]')?.textContent ?? null`;
const TITLES = "return [...document.querySelectorAll('li.doc-row')].map((r) => r.textContent).join('\\n')";

describe('joining a network from an invitation', { timeout: 300000 }, () => {
  let driver, server, invitation, answer;
  before(async () => {
    assert.ok(APP && existsSync(APP), `APP_BINARY must name the built app (got ${APP})`);
    const feed = publisher();
    feed.write('rapport-regional', 'Rapport régional 2026');
    feed.publish();
    server = await serve(join(feed.dir, 'site'));
    invitation = join(feed.dir, 'regional.peerlib-network');
    copyFileSync(networkToml(feed, server.url), invitation);
    delete process.env.PEERLIB_NETWORK;
    process.env.PEERLIB_SYSTEM_NETWORK = join(feed.dir, 'no-such-system-file.toml');
    process.env.PEERLIB_TEST_FILE_CHOICE = invitation;
    answer = join(feed.dir, 'confirm-answer');
    writeFileSync(answer, 'no');
    process.env.PEERLIB_TEST_CONFIRM = answer;
    driver = await startDriver();
  });
  after(async () => {
    await driver?.stop();
    server?.child.kill();
    delete process.env.PEERLIB_SYSTEM_NETWORK;
    delete process.env.PEERLIB_TEST_FILE_CHOICE;
    delete process.env.PEERLIB_TEST_CONFIRM;
  });

  it('offers it at the first start, refuses a bad one, joins a good one and follows it', async () => {
    const dir = freshDataDir();
    const s = await Session.start(driver.base, APP, ['--data-dir', dir, '--lang', 'fr']);
    let restarted = [];
    try {
      const offer = await until(async () => (await s.execute(text('join-offer'))) || null, 'the offer to join');
      assert.match(offer, /Vous suivez le réseau intégré/, offer);
      await until(async () => (await s.execute("return document.querySelectorAll('li.doc-row').length")) > 0 || null, 'the starter library');
      await s.screenshot('network-offer-fr');
      await s.click('[data-testid="join-offer-open"]');
      const current = await until(async () => (await s.execute(text('network-current'))) || null, 'the network section');
      assert.match(current, /INPUD/, current);
      assert.match(current, /Intégré à cette copie/, current);

      // Pasted text that is not an invitation: refused, nothing shown to join.
      const area = await s.find('[data-testid=invitation-text]');
      await s.cmd('POST', `/element/${area}/value`, { text: 'name = "Faux"\nfeed_url = "http://evil.example/"\n' });
      await s.click('[data-testid="invitation-check"]');
      const refused = await until(async () => (await s.execute(text('invitation-error'))) || null, 'the refusal');
      assert.match(refused, /Cette invitation n’est pas valide/, refused);
      assert.equal(await s.execute(text('invitation')), null);

      // The invitation file: shown, then joined.
      await s.click('[data-testid="invitation-file"]');
      const shown = await until(async () => (await s.execute(text('invitation'))) || null, 'the invitation shown');
      assert.match(shown, /Invitation à rejoindre Réseau test/, shown);
      assert.ok(shown.includes(server.url), shown);
      await s.execute("document.querySelector('[data-testid=invitation]').scrollIntoView()");
      await s.screenshot('network-invitation-fr');

      // "Join", then "Cancel" in the system's dialog: asked what it names, in French; nothing joined.
      await s.click('[data-testid="invitation-join"]');
      const asked = await until(() => (existsSync(`${answer}.asked`) ? readFileSync(`${answer}.asked`, 'utf8') : null), 'the question asked');
      assert.match(asked, /Rejoindre .*Réseau test.* \?/, asked);
      assert.ok(asked.includes(server.url), asked);
      await until(async () => (await s.execute("return document.querySelector('[data-testid=invitation-join]')?.disabled === false")) || null, 'the join button back');
      assert.ok(await s.execute(text('invitation')), 'the invitation is still shown');
      assert.ok(!existsSync(join(dir, 'network.toml')), 'nothing joined after a no');

      // The page calls the command itself with an invitation of its own: still the system's
      // question, still no.
      const own = readFileSync(invitation, 'utf8').replace('Réseau test', 'Réseau de la page');
      const said = await s.executeAsync(`const done = arguments[arguments.length - 1];
        window.__TAURI_INTERNALS__.invoke('network_join', { invitation: ${JSON.stringify(own)} }).then(done, (e) => done('error ' + JSON.stringify(e)));`);
      assert.equal(said, false, 'the page alone cannot join');
      assert.match(readFileSync(`${answer}.asked`, 'utf8'), /Réseau de la page/);
      assert.ok(!existsSync(join(dir, 'network.toml')), 'nothing joined by the page');

      writeFileSync(answer, 'yes');
      restarted = await clickAndAwaitRestart(s, dir, '[data-testid="invitation-join"]');
    } finally {
      await s.close().catch(() => {});
      killPids(restarted);
    }

    // The next start follows the joined network.
    await until(() => appsOn(dir).length === 0 || null, 'the restarted app gone');
    const again = await Session.start(driver.base, APP, ['--data-dir', dir, '--lang', 'en']);
    try {
      await again.click('[data-testid="open-settings"]');
      const current = await until(async () => (await again.execute(text('network-current'))) || null, 'the network section');
      assert.match(current, /Réseau test/, current);
      assert.match(current, /Joined from an invitation/, current);
      assert.equal(await again.execute(text('join-offer')), null, 'no offer once joined');
      // "Leave this network", then "Cancel" in the system's dialog: still joined.
      writeFileSync(answer, 'no');
      await again.click('[data-testid="network-leave"]');
      await until(() => (readFileSync(`${answer}.asked`, 'utf8').startsWith('Leave') ? true : null), 'asked to leave');
      assert.match(readFileSync(`${answer}.asked`, 'utf8'), /Leave .*Réseau test.*\?/);
      assert.ok(existsSync(join(dir, 'network.toml')), 'still joined after a no');
      await again.click('[data-testid="close-settings"]');
      await again.click('[data-testid="sync-now"]');
      const titles = await until(async () => {
        const t = await again.execute(TITLES);
        return t.includes('Rapport régional 2026') ? t : null;
      }, 'the joined network synced');
      assert.ok(!titles.includes('INPUD annual report 2020') && !titles.includes('C19RM'), `the starter library left: ${titles}`);
    } finally {
      await again.close();
    }
  });

  it('says a joined network that no longer reads, leaves it, and follows one joined from a terminal after a restart', async () => {
    const dir = freshDataDir();
    const good = readFileSync(invitation, 'utf8');
    writeFileSync(join(dir, 'network.toml'), good.slice(0, good.length / 2));
    let restarted = [];
    const s = await Session.start(driver.base, APP, ['--data-dir', dir, '--lang', 'es']);
    try {
      await s.click('[data-testid="open-settings"]');
      const said = await until(async () => (await s.execute(text('network-invalid'))) || null, 'the settings that are not valid said');
      assert.match(said, /La configuración de la red a la que se unió por invitación/, said);
      assert.equal(await s.execute(text('network-current')), null, 'no network is followed');
      assert.equal(await s.execute(text('sync-next')), null, 'no next sync is promised: none can run');
      assert.equal(await s.execute(text('join-offer')), null, 'no offer beside settings that are not valid');
      await s.execute("document.querySelector('[data-testid=network-invalid]').scrollIntoView()");
      await s.screenshot('network-invalid-es');
      // Asked in the system's dialog, with no name to say; a no leaves the file.
      writeFileSync(answer, 'no');
      await s.click('[data-testid="network-leave"]');
      await until(() => (readFileSync(`${answer}.asked`, 'utf8').startsWith('¿Dejar la red a la que se unió?') ? true : null), 'asked to leave');
      await until(async () => (await s.execute("return document.querySelector('[data-testid=network-leave]')?.disabled === false")) || null, 'the leave button back');
      assert.ok(existsSync(join(dir, 'network.toml')), 'still there after a no');
      writeFileSync(answer, 'yes');
      restarted = await clickAndAwaitRestart(s, dir, '[data-testid="network-leave"]');
      assert.ok(!existsSync(join(dir, 'network.toml')), 'left');
    } finally {
      await s.close().catch(() => {});
      killPids(restarted);
    }

    await until(() => appsOn(dir).length === 0 || null, 'the restarted app gone');
    const again = await Session.start(driver.base, APP, ['--data-dir', dir, '--lang', 'en']);
    restarted = [];
    try {
      await again.click('[data-testid="open-settings"]');
      const current = await until(async () => (await again.execute(text('network-current'))) || null, 'the network section');
      assert.match(current, /INPUD/, current);
      assert.equal(await again.execute(text('network-invalid')), null);
      // Joined from a terminal while the window is open: said once Settings is opened again.
      execFileSync(process.env.PEERLIB_BINARY, ['--data-dir', dir, 'network', 'join', '--yes', invitation], { env: { ...process.env, LANG: 'en_US.UTF-8' }, input: peerlibInput() });
      await again.click('[data-testid="close-settings"]');
      await again.click('[data-testid="open-settings"]');
      const next = await until(async () => (await again.execute(text('network-next'))) || null, 'the network of the next start');
      assert.match(next, /From its next start, Peer Library follows Réseau test/, next);
      assert.ok(next.includes(server.url), next);
      assert.match(await again.execute(text('network-current')), /INPUD/, 'this run still follows the built-in network');
      await again.execute("document.querySelector('[data-testid=network-next]').scrollIntoView()");
      await again.screenshot('network-next-en');
      restarted = await clickAndAwaitRestart(again, dir, '[data-testid="network-restart"]');
    } finally {
      await again.close().catch(() => {});
      killPids(restarted);
    }

    await until(() => appsOn(dir).length === 0 || null, 'the restarted app gone');
    const third = await Session.start(driver.base, APP, ['--data-dir', dir, '--lang', 'ru']);
    try {
      await third.click('[data-testid="open-settings"]');
      const current = await until(async () => (await third.execute(text('network-current'))) || null, 'the network section');
      assert.match(current, /Réseau test/, current);
      assert.equal(await third.execute(text('network-next')), null, 'followed now');
    } finally {
      await third.close();
    }
  });

  it('shows a double-clicked invitation (the path among the arguments) before anything changes', async () => {
    const dir = freshDataDir();
    const s = await Session.start(driver.base, APP, ['--data-dir', dir, '--lang', 'ru', invitation]);
    try {
      const shown = await until(async () => (await s.execute(text('invitation'))) || null, 'the invitation shown at start');
      assert.match(shown, /Приглашение в сеть «Réseau test»/, shown);
      const current = await s.execute(text('network-current'));
      assert.match(current, /INPUD/, 'nothing joined yet');
      await s.screenshot('network-opened-ru');
    } finally {
      await s.close();
    }
  });
});
