# Peer Library — interface strings (English, the source language).
# Translators: "Peer Library" is the product name; keep it as it is in every language.
# The app serves staff of networks of people who use drugs: prefer the community's own terms
# ("people who use drugs", "harm reduction", "key populations", "community-led").

app-title = Peer Library
discreet-title = Library
tray-open-discreet = Open
notify-new-items = New items
notify-background-discreet = This app keeps running in the background. To quit, use its icon in the tray.

## Library view

library-heading = Library
# Shown under the heading; $count is the number of entries listed (one per translation group).
library-count = { $count ->
    [one] { $count } document
   *[other] { $count } documents
}
library-loading = Opening the library…
library-empty = The library is empty. It fills up at the next sync.
library-col-languages = Languages
# $date is a date; it is formatted for the interface language.
library-date = { DATETIME($date, year: "numeric", month: "short", day: "numeric") }
library-undated = Undated

## Document kinds (what kind of document an entry is)

kind-statement = Statement
kind-report = Report
kind-guide = Guide
kind-news = News
kind-event = Event
kind-video = Video
kind-publication = Publication

## Language names, used in lists and in the translation switcher

language-name = { $code ->
    [en] English
    [fr] French
    [es] Spanish
    [ru] Russian
   *[other] { $code }
}

## Reader

reader-back = Back to the library
reader-published = Published { DATETIME($date, year: "numeric", month: "long", day: "numeric") }
reader-publishers = From { $publishers }
reader-translations = Also in
# The same, as a visible label before the list of languages.
reader-translations-label = Also in:
reader-attachments = Attachments
reader-attachment-size = { $kb ->
    [one] { $kb } KB
   *[other] { $kb } KB
}
reader-attachment-open = Open
reader-attachment-offline = Saved on this computer
reader-link = Watch or open: { $url }

reader-bookmark = Bookmark
reader-bookmarked = Bookmarked
reader-note-label = My private note
reader-note-placeholder = Only you see this note. It never leaves this computer.
reader-note-saved = Saved on this computer only

## Errors the interface can show (by code from the app)

error-not-found = That document is no longer in the library.
error-database = The library could not be read. Restart Peer Library; if this keeps happening, your notes are safe and the library will be rebuilt at the next sync.
error-newer-database = This library was saved by a newer version of Peer Library. Update the app to open it; nothing has been changed.
error-invalid-argument = The app received a request it does not understand.
error-attachment-missing = This attachment is not on this computer yet. It will be downloaded at the next sync.
error-not-openable = This file is not a document type that is safe to open from here. You can save a copy.
error-internal = Something went wrong inside Peer Library. Try again; nothing in your library has been changed.
error-disk = The disk is full or cannot be written to. Free some space and try again; your library has not been changed.
error-invalid-document = A document in the update is not valid and was not saved. The rest of the library is unchanged.
error-no-data-dir = This computer has no folder for application data. Choose one with --data-dir or PEERLIB_DATA_DIR.

## Why an attachment's words cannot be searched (shown under the attachment)

attachment-text-no-text-layer = Scanned pages: the words in this file cannot be searched.
attachment-text-encrypted = Password-protected: the words in this file cannot be searched.
attachment-text-not-its-type = This file is not the type it claims to be. Open it with care.
attachment-text-unreadable = This file seems damaged: its words cannot be searched.
attachment-text-too-large = This file is too large to read safely: its words cannot be searched.
attachment-text-too-slow = Reading this file took too long: its words cannot be searched.
error-signature = This update failed its signature check, so it was not used. Your library is unchanged. If it keeps happening, the network you are on may be tampering with downloads: try another one later.
error-tampered = A file in this update did not match what the network published, so the update was not used. Your library is unchanged. Try again later or on another network.

## Search

search-label = Search the library
search-placeholder = Search titles, texts and attachments…
search-results = { $count ->
    [one] { $count } result
   *[other] { $count } results
}
search-results-more = More than { $count } results: add a word to narrow them down
search-none = Nothing matches “{ $query }”. Try fewer or shorter words; accents and word endings do not matter.
search-in-attachment = Found in an attachment

## Why a sync did not complete (by code from the sync). The library is never changed by a failed sync.

error-offline = No connection to the feed’s server. You can keep reading everything already on this computer; the library will catch up when you are online.
error-timeout = The feed’s server took too long to answer. Your library is unchanged; it will try again later.
error-rate-limited = The feed’s server is busy and asked us to come back later. Peer Library will wait as asked and try again.
error-feed-gone = The feed was not found at its address. It may have moved: check the address in Settings.
error-server = The feed’s server had a problem. Your library is unchanged; it will try again later.
error-too-large = The server sent far more data than a feed should hold, so it was not used. Your library is unchanged.
error-sign-in = This network needs you to sign in. Open any web page in your browser to reach its sign-in page, then sync again.
error-redirect = The feed’s address led somewhere it should not (too many redirects, or from a secure to an insecure address), so it was not followed.
error-interrupted = The download was cut off. Your library is unchanged; what was downloaded will be resumed at the next sync.
error-cancelled = The sync was stopped. Your library is unchanged.
error-bad-url = That is not a web address a feed can have. It must start with https://.
error-rollback = The server offered an older version of the library than the one you have, so it was refused. If this keeps happening, the network you are on may be tampering with downloads.
error-publisher = This update was signed by someone other than the feed’s publisher, so it was not used. Your library is unchanged.
error-mass-delete = This update would remove more than half of the documents from this feed, so it was held back. If the network really withdrew them, confirm the update to apply it.
error-busy = A sync is already running. Wait for it to finish.
error-unreadable-feed = This feed could not be read: it is broken or not a feed. Nothing was changed.
error-waiting = The server asked us to wait before syncing again. Peer Library will try again later.
error-not-subscribed = You do not follow that feed (the network’s own feed cannot be removed).
error-bundle-unreadable = This file is not a Peer Library bundle, or it is damaged or incomplete (a copy cut short?). Nothing was changed.
error-bundle-tampered = This bundle holds files the network did not publish, files changed after it signed them, or names outside its folders, so it was not used. Nothing was changed.
error-bundle-signature = This bundle is not signed by the network you follow (or its signature is broken), so it was not used. Nothing was changed.
error-bundle-older = This bundle holds an older version of the library than the one you have, so it was not used. Nothing was changed.
error-bundle-incomplete = This bundle lacks documents your library needs: it was made for another laptop’s library, or it is incomplete. Ask for a whole-library bundle. Nothing was changed.
error-bundle-not-passable = Part of this library cannot be passed on yet: it was saved before Peer Library kept the network’s signed files. Sync with the network once, then share again.
error-bad-inventory = That file is not a Peer Library inventory. Make one on the other laptop with “peerlib inventory FILE”.
error-share-cannot-listen = This laptop cannot share on its network now: it could not open a port. Try again in a moment, or pass the library on in a file.
error-nearby-address = Type the address and the code as the sharing laptop shows them, for example 192.168.1.5:8765 and ABCD-EFGH.
error-wrong-passphrase = This passphrase does not open the file (or the file was changed after it was made). Nothing was changed.
error-not-personal-file = This is not a file of personal data exported by Peer Library, or it is damaged. Nothing was changed.
error-short-passphrase = Choose a passphrase of at least 8 characters: a few words you will remember are best.
error-update-signature = This update is not signed by Peer Library's release key. It was not installed; your version is unchanged.
error-update-not-manifest = This is not a Peer Library update (the update information could not be read). Nothing was changed.
error-update-not-newer = This update is not newer than the version you have, so it was not installed. Nothing was changed.
error-update-older-than-waiting = A newer version already waits to be installed, so this older update was not kept. Nothing was changed.
error-update-no-package = This update has no installer for your system. Nothing was changed.
error-update-damaged = The update's installer is damaged or incomplete (it does not match its signature). It was not installed; try downloading or copying it again.
error-update-not-file = This file is not a Peer Library update. Nothing was changed.
error-update-not-installed = This copy of Peer Library was not installed from an installer, so it cannot update itself. Install the new version from an installer instead.
error-update-installer = The system's installer did not finish, so the update was not installed. Your version and your data are unchanged.
error-invitation = This invitation is not valid (it must name the network, a secure https address and its signing keys). Nothing was changed.
error-locked = Your personal data (notes, bookmarks, collections, settings) is encrypted. Enter its passphrase to open it.
error-already-encrypted = Your personal data is already encrypted. To change its passphrase, use “Change the passphrase”.
error-not-encrypted = Your personal data is not encrypted, so there is no passphrase to remove or change.
error-in-use = Peer Library is open on this laptop. Quit it (also from the tray), then try again. Nothing was changed.
error-bad-key = That is not a minisign public key. Copy the whole key line the publisher gave you.
error-network-config = The network settings of this copy of Peer Library (network.toml) are not valid, so it cannot sync. Settings, under “Your network”, says which ones and what to do.

## The sync bar under the top bar

sync-now = Sync now
sync-stop = Stop
sync-retry = Try again
sync-apply-anyway = Apply the update anyway
sync-show-all = Show all
sync-show-less = Show less
sync-running = Checking for updates…
sync-progress-documents = Downloading documents: { $done } of { $total }
sync-progress-attachments = Downloading attachments: { $done } of { $total }
sync-progress-applying = Saving { $total } documents…
# $date is the time of the last sync that completed.
sync-last = Up to date as of { DATETIME($date, month: "short", day: "numeric", hour: "numeric", minute: "numeric") }.
sync-never = Not synced yet: you are reading the library that came with the app.
sync-stale-since = Not updated since { DATETIME($date, month: "short", day: "numeric", hour: "numeric", minute: "numeric") }: the network has not renewed its feed in time, so some documents may be out of date.
sync-last-update = The library was last brought up to date { DATETIME($date, month: "short", day: "numeric", hour: "numeric", minute: "numeric") }.
sync-library-from-app = You are reading the library that came with the app.

## Tray icon and notifications (shown by the operating system)

tray-open = Open Peer Library
tray-sync-now = Sync now
tray-pause = Pause background sync
tray-quit = Quit
tray-tooltip-idle = Peer Library: up to date
tray-tooltip-syncing = Peer Library: syncing…
tray-tooltip-error = Peer Library: the last sync did not complete
notify-background = Peer Library keeps your library up to date in the background. To quit, use its icon in the tray.
notify-new-documents = { $count ->
    [one] { $count } new document in your library
   *[other] { $count } new documents in your library
}
# The button of the "new documents" notification: opens the "new since the last sync" view.
notify-open-new = Show what is new

## Settings

settings-title = Settings
settings-feeds = Feeds you follow
settings-feed-verified = Signed
settings-feed-unverified = Not verified
settings-feed-remove = Stop following
# $title is the feed's name.
settings-feed-remove-label = Stop following { $title }
settings-feed-url = Feed address (RSS, Atom or JSON Feed)
settings-feed-key = Publisher’s public key (only for a signed library)
settings-feed-add = Follow
settings-feed-added = Feed added. It is fetched at the next sync.
settings-feed-already = You already follow this feed.
settings-feed-removed = { $count ->
    [one] Feed removed, with its { $count } document. Your notes are kept.
   *[other] Feed removed, with its { $count } documents. Your notes are kept.
}
settings-sync = Sync
settings-interval = Check for updates every
settings-interval-minutes = { $minutes ->
    [60] hour
    [180] 3 hours
    [720] 12 hours
   *[other] { $minutes } minutes
}
settings-budget = Space for attachments (MB)
settings-budget-none = No limit
settings-background = In the background
settings-notifications = Tell me when new documents arrive
settings-keep = Keep syncing when the window is closed
settings-discreet = Discreet mode
settings-discreet-hint = The window, the tray and notifications show a neutral name (“Library”) and icon and no titles or counts, and sharing with people nearby is never announced on the network. It does not hide that the app is installed: someone who looks at the laptop’s programs or files will find it. Nor does it encrypt anything on the laptop.
tray-erase = Erase my personal data…
tray-lock = Lock now
# What the system shows for the app holding off sleep until it has locked (systemd-inhibit --list).
sleep-inhibit-why = Locks the library before the computer sleeps
lock-now = Lock
lock-now-hint = Lock now (Ctrl+L): the window shows only the passphrase prompt until it is given again.
unlock-heading = Locked
unlock-text = Your personal data is encrypted. Enter its passphrase to open the library.
unlock-passphrase-changed = Your new passphrase was set just as the app locked: it is the new one that opens your data now.
nothing-locked-heading = Not locked
nothing-locked-decrypted = Your personal data was being decrypted when the lock was asked for, and it is no longer encrypted: there was nothing to lock. To protect it again, turn encryption on in Settings.
nothing-locked-not-encrypted = Your personal data could not be encrypted, and it is not encrypted now: there was nothing to lock. Try again in Settings.
nothing-locked-open = Open the library
unlock-passphrase = Passphrase
unlock-submit = Unlock
unlock-working = Opening…
unlock-wrong = That is not the passphrase. Nothing was changed; try again.
unlock-wait = Wrong passphrases were typed: the next one is checked after { $seconds } { $seconds ->
    [one] second
   *[other] seconds
}.
wrong-passphrases = { $count ->
    [one] Since your personal data was last unlocked, a wrong passphrase was typed once, on { DATETIME($last, year: "numeric", month: "long", day: "numeric", hour: "numeric", minute: "numeric") }.
   *[other] Since your personal data was last unlocked, a wrong passphrase was typed { $count } times, the last time on { DATETIME($last, year: "numeric", month: "long", day: "numeric", hour: "numeric", minute: "numeric") }.
} If that was not you, someone may have tried to open it.
unlock-forgot = Forgot the passphrase?
unlock-forgot-text = Nobody can recover it, and nobody can open your notes, bookmarks, collections and settings without it. You can start again without them: your personal data is erased, and the library is synced again from the network.
unlock-start-again = Erase my personal data and start again…
settings-encryption = Encryption
settings-encryption-off = Your personal data (notes, bookmarks, read marks, collections, settings, the feeds you follow) is stored on this laptop without encryption: anyone who copies the app’s folder can read it.
settings-encryption-on = Your personal data is encrypted. The app asks for the passphrase when it starts and after “Lock”.
settings-encryption-limits = Not encrypted unless you encrypt the library too: the library’s documents, their attachments (PDFs, decks) and images (anyone can get them from the network, but what you hold says something about you); even then, how many attachments there are can be seen, and roughly how large they are. Never encrypted: what is on screen while the app is unlocked. Encrypting after you have written notes leaves their old bytes in the disk’s free space until they are overwritten: encrypting on the first day is best.
settings-encryption-forgotten = If you forget this passphrase, nobody can recover your personal data: not you, not the network, not us. There is no back door. The library itself is not lost: it can be synced again.
settings-passphrase-current = Current passphrase
settings-passphrase-new = New passphrase (at least 8 characters)
settings-passphrase-again = The same passphrase again
settings-passphrase-mismatch = The two passphrases differ.
settings-encrypt = Encrypt my personal data
settings-passphrase-change = Change the passphrase
settings-decrypt = Remove the encryption
settings-encryption-working = Rewriting your personal data…
settings-library-encryption-on = The library (its documents, their attachments and images, the feeds you follow, the search index) is encrypted too: it opens only with the passphrase. If the passphrase is forgotten or your personal data erased, it is synced again.
settings-library-encryption-off = The library (its documents, their attachments and images, the feeds you follow, the search index) is not encrypted: anyone who copies the app’s folder can see what it holds and which feeds you follow.
settings-library-encrypt = Encrypt the library too
settings-library-decrypt = Stop encrypting the library
settings-library-encrypted-done = The library is encrypted.
settings-library-decrypted-done = The library is no longer encrypted.
settings-library-working = Rewriting the library…
settings-encrypted-done = Your personal data is encrypted.
settings-passphrase-changed = The passphrase is changed. The old one no longer opens anything.
settings-decrypted-done = Your personal data is no longer encrypted.
settings-lock-idle = Lock by itself after
settings-lock-idle-never = Never (only with “Lock”)
settings-lock-idle-minutes = { $minutes ->
    [one] { $minutes } minute without use
   *[other] { $minutes } minutes without use
}
erase-open = Erase my data…
erase-heading = Erase my personal data
erase-what = Your notes, bookmarks, read marks, collections, settings and the feeds you follow will be overwritten and removed from this laptop. This cannot be undone.
erase-all = Erase the whole library too
erase-countdown = { $seconds ->
    [one] Erasing in 1 second…
   *[other] Erasing in { $seconds } seconds…
}
erase-cancel = Cancel
erase-erasing = Erasing…
erase-desktop-lock = Closing the laptop or locking the screen cancels it.
erase-refused-locked = The screen was locked during the countdown: nothing was erased.
settings-panic = Offer “Erase my personal data” in the window and the tray
settings-panic-hint = A button that overwrites and removes your personal data (and, if you choose, the whole library) after a five-second countdown you can cancel. The app then starts as new. On SSDs and flash storage, erased data may still be recoverable with specialist tools.
personal-file-kind = Peer Library personal data
settings-personal = Take my data with me
settings-personal-hint = Your notes, bookmarks, read marks, collections and settings in one file, sealed with a passphrase, to import on another laptop (nothing there is lost: a different note on the same document is kept beside it). Nobody can read the file without the passphrase, and nobody can recover the passphrase for you: if it is forgotten, the file is lost. The library itself is not in it: the other laptop syncs it again.
settings-personal-passphrase = Passphrase (at least 8 characters)
settings-personal-again = The same passphrase again (to export)
settings-personal-export = Export my personal data…
settings-personal-import = Import personal data…
settings-personal-sealing = Working with the passphrase…
settings-personal-mismatch = The two passphrases differ. Nothing was written.
settings-personal-saved = Saved, sealed, to { $path }.
settings-personal-imported = Arrived: notes { $notes } ({ $merged } kept beside a note of yours), bookmarks { $bookmarks }, new collections { $collections }, documents added to collections { $items }.
settings-autostart = Start Peer Library in the background when I log in
settings-data = Where the library is kept
settings-data-hint = To keep it elsewhere, start the app with --data-dir or set PEERLIB_DATA_DIR.
settings-saved = Saved.
settings-language-heading = Language
settings-language = Interface language
# Each language by its own name (the same in every locale), so a reader finds theirs.
language-name-en = English
language-name-fr = Français
language-name-es = Español
language-name-ru = Русский

## Updates of the app (#19)
settings-updates = Updates
settings-version = Peer Library { $version }
settings-check-updates = Look for a newer version when syncing (at most once a day)
settings-updates-hint = New versions come from your network's server, signed by Peer Library's makers; nothing is installed until you choose to. To update a laptop without internet, save an update to a USB stick with “peerlib update --save” on a laptop that has it.
settings-update-check = Check for updates
settings-update-from-file = Install an update from a file…
settings-update-checking = Checking…
settings-update-installing = Installing… your system may ask for an administrator's password.
settings-update-none = Peer Library { $version } is the newest version.
update-ready = Version { $version } is ready to install.
update-released = Released on { $date }.
update-install = Install and restart
update-install-hint = Your library, notes and settings stay as they are.
update-open-installer = Open the new version
update-by-hand-hint = It opens in the Finder: drag the app there into Applications, in place of this one, then open it. Your library, notes and settings stay as they are.
update-by-hand-opened = The new version is open in the Finder. Drag the app there into Applications, in place of this one; then quit this one and open the new one.
update-see = What's new
update-later = Later
update-file-kind = Peer Library update

## The network followed, and invitations (#19)
network-heading = Your network
network-source-environment = Named by PEERLIB_NETWORK for this run.
network-source-joined = Joined from an invitation.
network-source-system = Set for every user of this computer by its administrator.
network-source-shipped = Built into this copy of Peer Library.
network-leave = Leave this network
network-invitation-hint = Invited to another network's library? Open its invitation file, or paste the invitation or its link. You will see what it names before anything changes.
network-paste = Invitation or link
network-check = Check the invitation
network-open-file = Open an invitation file…
network-invited = Invitation to join { $name }
network-keys = Signing keys: { $keys }
network-join-warning = Join only a network you know and trust: its keys decide what your library holds. The documents of the network you follow now leave the library; your notes stay.
network-join = Join { $name } and restart
network-cancel = Cancel
network-confirm-title = Join { $name }?
network-confirm-body = Peer Library will follow { $name } at { $address }, and look there for new versions of Peer Library too. Its signing keys ({ $keys }) decide what your library holds. The documents of the network you follow now leave the library; your notes stay. Peer Library restarts.
network-confirm-join = Join
network-leave-confirm-title = Leave { $name }?
network-leave-confirm-body = The documents of { $name } leave the library; your notes stay. Peer Library then follows the network set for this computer, or the built-in one, and restarts.
network-invalid-joined = The settings of the network you joined from an invitation (network.toml in the data folder) are not valid, so Peer Library cannot sync. Leave it to follow the network set for this computer or the built-in one; to follow it again, join it from a new invitation.
network-invalid-system = The network set for every user of this computer is not valid, or was not set by an administrator, so Peer Library cannot sync. Ask whoever looks after this computer to mend it.
network-invalid-environment = The file PEERLIB_NETWORK names is not a valid network, so Peer Library cannot sync.
network-invalid-shipped = The network built into this copy of Peer Library is not valid, so it cannot sync. Reinstall it.
network-next = From its next start, Peer Library follows { $name }: the network was changed outside this window.
network-restart = Restart now
network-leave-invalid-confirm-title = Leave the network you joined?
network-leave-invalid-confirm-body = Its settings are not valid. Peer Library then follows the network set for this computer, or the built-in one, and restarts; your notes stay.
network-offer = You follow the built-in network. Invited to another network's library? Join it from its invitation.
network-offer-open = Join a network…
network-file-kind = Peer Library invitation
