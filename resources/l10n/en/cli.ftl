# Messages of the `peerlib` command line program.
# Translators: keep option names (--json, --data-dir…) and command names untranslated.

cli-about = Read, search and keep the Peer Library up to date from the command line.
cli-help-data-dir = Where the library is kept (default: the system's application-data folder; also PEERLIB_DATA_DIR).
cli-help-lang = Language of messages (en, fr, es, ru; default: from LANG).
cli-help-json = Print machine-readable JSON.
cli-cmd-list = List the documents in the library.
cli-cmd-show = Show one document.
cli-help-id = The document's id.
cli-list-empty = The library is empty.
cli-not-found = There is no document with the id “{ $id }”.
# $message is an already translated error text.
cli-error = Error: { $message }
cli-field-kind = Type
cli-field-language = Language
cli-field-published = Published
cli-field-publishers = From
cli-field-tags = Tags
cli-field-translations = Translations
cli-field-attachments = Attachments
cli-cmd-search = Search the library: titles, text, tags, publishers and the text of attachments.
cli-help-query = What to look for. Words in quotes are a phrase.
cli-help-doc-lang = Only documents in this language (en, fr, es, ru…).
cli-help-kind = Only documents of this type.
cli-help-limit = How many results to show at most.
cli-search-none = Nothing matches. Try fewer or shorter words, or no filters.
cli-search-count = { $count ->
    [one] { $count } match
   *[other] { $count } matches
}

## Publishing (peerlib keygen, peerlib publish)

cli-cmd-keygen = Make a key pair for signing the network's feed (minisign format).
cli-cmd-publish = Build the signed feed from a folder of Markdown files, ready for static hosting.
cli-help-secret-key = The secret key file (keep it private).
cli-help-public-key = The public key file (give it to every laptop, in resources/network.toml).
cli-help-force = Replace key files that already exist.
cli-help-src = The folder of Markdown sources and their attachments.
cli-help-out = The folder to write the feed to; it is replaced in one step.
cli-help-expires-in = After how many days laptops should call the feed stale.
cli-help-publisher = The publisher's name shown in the feed.
cli-keygen-done = Key pair written. Key id: { $id }. Keep the secret key private and back it up; put the public key in resources/network.toml.
cli-keygen-exists = { $path } already exists. Use --force to replace it (laptops trusting the old key will refuse the new one).
cli-cmd-rotate-key = Sign a statement (OUT/keys.json) that moves laptops from the current key to the next one, and may revoke keys for good.
cli-help-next-public-key = The public key laptops trust from their next sync on (a .pub file from keygen).
cli-help-revoke = A key id laptops never trust again (repeat for more).
cli-rotate-key-done = keys.json written (statement { $seq }): from their next sync, laptops trust only key { $id }. Publish with its secret key from now on.
cli-publish-done = Published seq { $seq }: { $documents } documents ({ $changed } changed), { $attachments } attachments.
cli-publish-invalid = { $count ->
    [one] Nothing was published: fix the problem above and run the command again.
   *[other] Nothing was published: fix the { $count } problems above and run the command again.
}
cli-publish-no-key = The secret key { $path } cannot be read.
cli-publish-no-src = The source folder { $path } does not exist.
cli-publish-bad-key = The secret key file is not a usable minisign secret key (password-protected keys are not supported; make one with peerlib keygen).
cli-publish-bad-feed = { $path } is not a feed this command wrote. Move it away or choose another output folder.
cli-publish-outside-source = { $path } leads outside the source folder (a link to a file or folder elsewhere). Publish reads only what is inside the source folder: copy the file in, or remove the link.
# A problem in a source file: where, then what. $message is one of the problem-* messages.
cli-problem = { $file }:{ $line }: { $message }
problem-no-front-matter = the file must start with front matter between +++ lines.
problem-syntax = the front matter is not valid TOML ({ $detail }).
problem-missing-title = title is missing.
problem-missing-kind = kind is missing.
problem-unknown-kind = “{ $kind }” is not a kind; use one of: { $kinds }.
problem-missing-language = language is missing.
problem-invalid-language = “{ $tag }” is not a valid language tag (BCP 47, such as en, fr, es-419, ru).
problem-insecure-url = the link “{ $url }” must start with https://.
problem-missing-attachment = the attachment “{ $path }” does not exist.
problem-attachment-outside = the attachment path “{ $path }” leaves the source folder.
problem-attachment-not-its-type = the attachment “{ $path }” is not the type its name says: its bytes are { $real }. Rename it or replace it.
problem-attachment-unknown-type = the attachment “{ $path }” is not the type its name says: its bytes are of no known type. Rename it or replace it.
problem-attachment-password = the attachment “{ $path }” needs a password to open: readers could neither search it nor open it from the library. Save it without a password.
problem-duplicate-id = the id “{ $id }” is already used by { $first }.
cli-cmd-serve = Serve a published feed over HTTP (for development or a small office).
cli-help-serve-dir = The folder peerlib publish wrote.
cli-help-addr = The address and port to listen on.
cli-serve-listening = Serving the feed at { $url } (press Ctrl+C to stop).
cli-serve-cannot-listen = Cannot listen on { $addr }: the port may be in use. Choose another with --addr.

## Sync and feeds (peerlib sync, peerlib status, peerlib feeds)

cli-cmd-sync = Bring the library up to date from the network’s feed and every feed you follow.
cli-help-allow-mass-delete = Apply an update even if it removes more than half of a feed’s documents.
cli-cmd-status = Show when the library last synced, what went wrong if it did not, and the feeds you follow.
cli-cmd-feeds = Follow, list or stop following feeds.
cli-cmd-feeds-add = Follow a feed: a website’s RSS, Atom or JSON Feed, or another signed library with --public-key.
cli-cmd-feeds-list = List the feeds you follow.
cli-cmd-feeds-remove = Stop following a feed and remove its documents (your notes and bookmarks stay).
cli-help-feed-url = The feed’s web address.
cli-help-feed-key = The publisher’s minisign public key: its documents are then verified.
# $detail is a technical description of the problem in the file named by PEERLIB_NETWORK.
cli-network-invalid = The network settings could not be read: { $detail }
cli-sync-updated = { $title }: { $added } new, { $changed } changed, { $removed } removed.
cli-sync-up-to-date = { $title }: up to date.
# $time is a date and time in UTC.
cli-sync-waiting = { $title }: the server asked us to wait; the next try is after { $time }.
# $message is an already translated error text.
cli-sync-failed = { $title }: { $message }
cli-sync-stale = The network has not renewed its feed in time: documents may be missing from this update.
cli-sync-files-missing = { $count ->
    [one] { $count } attachment could not be downloaded this time; it will be tried at the next sync.
   *[other] { $count } attachments could not be downloaded this time; they will be tried at the next sync.
}
cli-status-never = The library has never been synced successfully.
cli-status-last-success = Last successful sync: { $time }.
cli-status-stale = { $title } has not been updated since { $time }: its feed expired on { $expired }, so documents may be out of date.
cli-status-last-attempt = The last sync, at { $time }, did not complete:
# Stands for a feed's title in the lines below cli-status-last-attempt when the feed is no longer followed.
cli-status-feed-gone = a feed no longer followed
cli-feeds-line-signed = { $title } — { $url } (signed; { $count ->
    [one] { $count } document
   *[other] { $count } documents
})
cli-feeds-line-unverified = { $title } — { $url } (not verified; { $count ->
    [one] { $count } document
   *[other] { $count } documents
})
cli-feeds-added = You now follow { $url }. Run peerlib sync to fetch it.
cli-feeds-already = You already follow { $url }.
cli-feeds-removed = You no longer follow { $url }; { $count ->
    [one] { $count } document was removed.
   *[other] { $count } documents were removed.
}
cli-help-attachment-budget = Most megabytes of attachments to keep on this computer (default: no limit).
cli-help-proxy = Go through this proxy for this sync (socks5h://127.0.0.1:9050 for Tor; default: the one saved in Settings, else HTTP_PROXY and the like).

# Bundles (#20)
cli-cmd-export = Save the network’s documents (the whole library, a collection or documents) to one bundle file to carry to another laptop.
cli-cmd-import = Check a bundle file with the network’s keys and add what it holds to the library.
cli-cmd-inventory = Write what this library holds to a file, so that a bundle made for it carries only what is missing.
cli-help-bundle-file = The bundle file.
cli-help-inventory-file = The inventory file to write.
cli-help-export-collection = Only the documents of this collection (by name), with their translations.
cli-help-export-document = Only this document (by id), with its translations; may be given more than once.
cli-help-export-for = Leave out what the library described by this inventory file already holds.
cli-inventory-written = Wrote the inventory of { $documents } documents to { $file }.
cli-export-planned = The bundle will hold { $documents } documents and { $files } attachments, { $size } MB.
cli-export-written = Wrote { $file }.
cli-export-no-collection = There is no collection named “{ $name }”.
cli-import-not-followed = { $url }: not a feed you follow; left out.
cli-cmd-share = Share this laptop’s copy of the network’s documents, read-only, with laptops on the same local network (they run “peerlib sync --from”).
cli-help-share-addr = The address and port to listen on (every interface by default).
cli-help-share-minutes = Stop sharing after this many minutes (60 unless said), or at Ctrl-C.
cli-help-sync-from = Sync the network’s documents from a nearby laptop at this address (“peerlib share”), checked with the network’s keys; nothing else is asked, of any other address.
cli-sync-from-room-only = --from takes a laptop nearby only: the address “peerlib share” or the window shows, on this room’s network (such as http://192.168.1.20:8765/ABCD2345/), never a name or an address on the internet, which would be asked directly, past any proxy.
cli-share-listening = Sharing { $documents } documents and { $files } attachments at { $url } (read-only, code { $code }). On the other laptop: peerlib sync --from { $url }
cli-share-also = Also at { $url }
cli-share-announced = Announced on this network as “{ $name }” (peerlib nearby finds it; the code is still needed).
cli-share-discreet = Not announced on this network: discreet mode is on. Give the address and the code to those who ask.
cli-help-share-no-announce = Do not announce the sharing on the local network (others must be told the address).
cli-cmd-nearby = List the laptops sharing a library on this local network.
cli-help-nearby-seconds = How many seconds to listen (3 unless said).
cli-nearby-none = No laptop on this network announces a shared library. Ask for its address and code instead.
cli-nearby-discreet = Discreet mode is on: this laptop does not listen for shared libraries announced nearby. Ask for the sharing laptop’s address and code, and give them to peerlib sync --from.
cli-nearby-found = { $name }: { $address } (ask for its code)
cli-share-ended = Sharing has ended. { $laptops ->
    [one] 1 laptop
   *[other] { $laptops } laptops
} took the library: { $documents } documents and { $files } attachments sent.

## Personal data taken to another laptop (#18)

cli-cmd-personal = Take your personal data to another laptop: notes, bookmarks, read marks, collections and settings, in one file sealed with a passphrase.
cli-cmd-personal-export = Write your personal data to FILE, sealed with a passphrase you choose.
cli-cmd-personal-import = Add the personal data in FILE to this laptop’s (nothing here is lost: a different note on the same document is kept beside it).
cli-help-personal-file = The personal-data file.
cli-passphrase = Passphrase:
cli-passphrase-again = The same passphrase again:
cli-passphrase-mismatch = The two passphrases differ. Nothing was written.
cli-passphrase-unreadable = No passphrase was given (type it when asked, or give it as one line on standard input).
cli-personal-written = Your personal data is sealed in { $file }. Without the passphrase nobody can read it, and nobody can recover it for you.
cli-personal-imported = Arrived: notes { $notes } ({ $merged } kept beside a note of yours), bookmarks { $bookmarks }, new collections { $collections }, documents added to collections { $items }.

## Panic erase (#18)

cli-cmd-erase = Erase your personal data (--personal) or everything Peer Library keeps on this laptop (--all), overwritten and removed. Quit the app first.
cli-help-erase-personal = Notes, bookmarks, read marks, collections, settings, the feeds you follow and the sync log.
cli-help-erase-all = Everything in the data folder, the library too.
cli-erased = Erased: { $files } files. Peer Library will start as new.

## peerlib update and peerlib release (signed updates of the app, docs/releasing.md)
cli-cmd-update = Check for a newer version of Peer Library and install it, from the network's host or from an update file (a USB stick).
cli-help-update-check = Only say whether a newer version exists.
cli-help-update-save = Download the update and save it to this file, to install it on laptops without internet.
cli-help-update-system = With --save: the system the update is for (linux-x86_64-deb, windows-x86_64-nsis…), when it is not this laptop's.
cli-help-update-from = Install the update in this file (checked exactly as over the network).
cli-update-none = Peer Library { $version } is the newest version.
cli-update-available = Version { $version } is ready to install.
cli-update-saved = Version { $version } saved to { $path }. Copy it to a USB stick and install it on another laptop from Settings or with “peerlib update --from”.
cli-update-installing = Installing version { $version }…
cli-update-waiting = Another update of this data folder is under way (in the window, or another peerlib update): waiting for it to end…
cli-update-installed = Version { $version } is installed. Start Peer Library again to use it.
cli-update-by-hand = Version { $version } is open in the Finder. Drag the app there into Applications, in place of the old one, then open it.
cli-cmd-release = Sign a new version of the app into the feed folder (updates/), for laptops to find and install.
cli-help-release-out = The feed folder (as written by “peerlib publish”).
cli-help-release-version = The new version (e.g. 1.4.0); it must be newer than every earlier release.
cli-help-release-notes = Release notes in one language: LANG=FILE (en is required; also fr, es, ru).
cli-help-release-package = An installer: SYSTEM=FILE, e.g. linux-x86_64-deb=peer-library_1.4.0_amd64.deb.
cli-help-released = The release date (YYYY-MM-DD; default: today).
cli-release-pair = “{ $value }” is not of the form NAME=FILE.
cli-release-unreadable = Could not read { $path }.
cli-release-done = Version { $version } signed with { $packages } installers, in updates/.
cli-release-failed = The release was not written: { $detail }

## peerlib network (which network this laptop follows; invitations)
cli-cmd-network = Show which network this laptop follows, join another from an invitation, or leave it.
cli-cmd-network-show = Show the network followed, its feed and keys, and who set it.
cli-cmd-network-join = Join the network an invitation names (a .peerlib-network file or an https link).
cli-cmd-network-leave = Stop following the network you joined: the one set for this computer, or the built-in one, is followed again.
cli-help-invitation = The invitation: a file, or an https link to one.
cli-network-name = Network: { $name }
cli-network-feed = Feed: { $url }
cli-network-keys = Signing keys: { $keys }
cli-network-source-environment = Set by PEERLIB_NETWORK for this run.
cli-network-source-joined = Joined from an invitation.
cli-network-source-system = Set for every user of this computer by its administrator.
cli-network-source-shipped = Built into this copy of Peer Library.
cli-network-joined = Joined. The library follows this network from its next sync; the documents of the network followed before leave it, your notes stay.
cli-help-network-yes = Join without asking: the network the invitation names is joined at once (without it, that network is shown and nothing changes).
cli-network-join-ask = Not joined yet: check the name, address and keys above. Its keys decide what your library holds; the documents of the network you follow now would leave the library (your notes stay), and new versions of Peer Library would be looked for at that address too. To join this invitation, run the same command with --yes --expect { $digest }
cli-help-network-expect = With --yes: join only if the invitation is still the one shown (its fingerprint, as the run without --yes printed it), so that a link cannot be changed in between.
cli-network-join-changed = The invitation is not the one shown before (its fingerprint is { $digest }): it changed in between. Nothing was changed.
cli-network-left = Left the network you joined.
cli-network-not-joined = You had not joined a network.
cli-network-invalid-joined = It is the network you joined from an invitation: `peerlib network leave` leaves it.
cli-invitation-invalid = This invitation is not valid: { $detail }. Nothing was changed.

## Encryption of personal data (#18)
cli-cmd-encrypt = Encrypt your personal data (notes, bookmarks, read marks, collections, settings, followed feeds, and their backups) with a passphrase you choose. Quit the app first.
cli-cmd-decrypt = Remove the encryption of your personal data (asks for its passphrase). Quit the app first.
cli-cmd-passphrase = Change the passphrase of your encrypted personal data. Quit the app first.
cli-unlock-passphrase = Passphrase of your personal data:
cli-wrong-passphrases = { $count ->
    [one] Since this personal data was last opened, a wrong passphrase was typed once, on { $last }.
   *[other] Since this personal data was last opened, a wrong passphrase was typed { $count } times, the last time on { $last }.
} If that was not you, someone may have tried to open it.
cli-unlock-waiting = Wrong passphrases were typed before: the passphrase is checked in { $seconds } s.
cli-passphrase-current = Current passphrase:
cli-passphrase-new = New passphrase (at least 8 characters):
cli-encrypt-forgotten = If you forget this passphrase, nobody can recover your notes, bookmarks, collections and settings: not you, not the network, not us. There is no back door. The library itself is not lost: it can be synced again.
cli-encrypted = Your personal data is encrypted. Every command, and the app, will ask for the passphrase.
cli-decrypted = Your personal data is no longer encrypted.
cli-help-encrypt-all = Encrypt the library too (its documents, their attachments and images, the feeds you follow, the search index): it then opens only with the passphrase.
cli-library-encrypted = The library is encrypted too, its attachments (PDFs, decks) and images included: it opens only with the passphrase.
cli-decrypted-all = Your personal data and the library are no longer encrypted.
cli-passphrase-changed = The passphrase is changed. The old one no longer opens anything.
cli-cmd-lock = Lock the running app: it asks for the passphrase again before showing anything.
cli-locked = The app is locked.
cli-lock-not-running = Peer Library is not running: there is nothing to lock.
cli-lock-no-app = The app could not be asked to lock (its program was not found next to this command).
cli-lock-failed = The app could not be asked to lock (it needs the desktop session it runs in: its display and session bus). Use “Lock” in its window.
