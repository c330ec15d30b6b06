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
