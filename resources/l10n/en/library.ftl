# Peer Library: the library's views, filters, collections, reader actions and recovery notices
# (English, the source for translators).

## Sidebar: the views of the library

views-label = Views
view-all = All documents
# $count: translation groups the last sync brought.
view-new = { $count ->
    [0] New since last sync
   *[other] New since last sync ({ $count })
}
view-new-heading = New since the last sync
view-new-empty = Nothing new yet: new documents from the next sync will appear here.
view-bookmarked = Bookmarked
view-bookmarked-empty = Nothing bookmarked yet. Use “Bookmark” in a document to keep it here.
view-unread = Unread
view-unread-empty = You have opened every document in this view.
collections-heading = Collections
collections-none = Group documents for a meeting or a campaign, e.g. “HLM 2021 pack”.
collections-new-label = New collection
collections-new-placeholder = Name
collections-create = Create
skip-to-content = Skip to the content

## The list

library-unread = Unread
library-new-badge = New
# $count: attachments of the document; $offline: how many of them are on this laptop.
library-attachments = { $count ->
    [one] { $offline ->
        [1] 1 attachment, offline
       *[other] 1 attachment, not downloaded
    }
   *[other] { $count } attachments, { $offline } offline
}
library-none-filtered = No document matches these filters. Clear a filter to see more.

## Filters (above the list and search results)

filter-label = Filters
filter-any = Any
filter-kind = Type
filter-language = Language
filter-year = Year
filter-publisher = Publisher
filter-tag = Topic
filter-sort = Order
filter-clear = Clear filters
sort-relevance = Best match
sort-newest = Newest first
sort-oldest = Oldest first
sort-title = Title (A–Z)
search-none-clear-filters = Search without the filters

## A collection

collection-rename = Rename
collection-rename-save = Save
collection-rename-cancel = Cancel
collection-delete = Delete collection
# $name: the collection's name. Its documents stay in the library.
collection-delete-confirm = Delete “{ $name }”? The documents stay in the library.
collection-empty = This collection is empty. Open a document and tick this collection to add it.
# $title: a document's title (for screen readers).
collection-move-up = Move “{ $title }” up
collection-move-down = Move “{ $title }” down
collection-remove-item = Remove
error-collection-name = Give the collection a name.

## Reader

reader-mark-read = Mark as read
reader-mark-unread = Mark as unread
reader-collections = In collections
reader-collections-none = Create a collection in the sidebar to group documents.
reader-attachment-save = Save a copy
reader-attachment-not-offline = Not on this laptop yet: it downloads at the next sync.
reader-attachment-save-only = This file is not a document type that is safe to open from here: you can only save a copy.
reader-attachment-open-copy = Opening it makes a readable copy for the other program, removed when you lock or quit.
# $path: where the copy was saved.
reader-attachment-saved = Saved to { $path }

## Sync status

sync-never-empty = Not synced yet: sync to bring in the library.
# $date: date and time of the next background sync.
sync-next = Next sync { DATETIME($date, hour: "numeric", minute: "numeric") }.

## Settings: the order of document languages

settings-content-languages = Document languages
settings-content-languages-hint = When a document exists in several languages, it is shown in the first of these that it has.
settings-content-add = Add a language
# $language: a language's name.
settings-content-up = Move { $language } up
settings-content-down = Move { $language } down
settings-content-remove = Remove
language-name-pseudo = Pseudo-locale (development)

## When the app finds a damaged file at start. Nothing is deleted.

# $path: where the damaged file was kept.
recovery-library = The library file was damaged. It was kept aside at { $path } and the library was rebuilt; the next sync brings back every document.
recovery-user-restored = Your notes and bookmarks file was damaged. It was kept aside at { $path } and your data was restored from the latest backup.
recovery-user-lost = Your notes and bookmarks file was damaged and there was no backup to restore. It was kept aside at { $path }.
recovery-dismiss = Close

# Where a document came from (#17 item 8)
provenance-library = Library you added
provenance-website = Unverified website
provenance-website-http = Unverified website, not encrypted
reader-provenance-network = From { $source }: verified with the network’s signature.
reader-provenance-library = From { $source }, a library you added: verified with the key you gave for it.
reader-provenance-website = From { $source }, an unverified website: nothing shows who wrote it or that it was not changed.
reader-provenance-website-http = From { $source }, an unverified website reached without encryption: anyone on the way could have changed it.

# The proxy every sync goes through (#17 item 6)
settings-proxy = Proxy
settings-proxy-hint = Every sync goes through this proxy. For Tor, socks5h://127.0.0.1:9050 (names are then looked up through Tor too). Empty: the system’s proxy settings, if any.
settings-proxy-invalid = This is not a proxy address the app can use. Write it like socks5h://127.0.0.1:9050 or http://proxy.example:3128.
