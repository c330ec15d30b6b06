## Passing the library on (#20): a bundle file saved and imported from the window

share-library = Share the library…
share-collection = Share this collection…
share-document = Share this document…
share-unverified = Documents from websites you follow are not passed on: nobody signed them, so the other laptop could not check them.
share-import = Import from a file…
share-heading-library = Share the library
share-heading-part = Share “{ $name }”
share-counting = Counting what to put in the file…
share-size = { $documents ->
    [one] 1 document
   *[other] { $documents } documents
} and { $files ->
    [one] 1 attachment
   *[other] { $files } attachments
}: { $size } MB.
share-what = The file holds the network’s own files as it signed them: whoever receives it can check that nothing was changed. Your notes, bookmarks, read marks and collections are not in it, nor are documents from websites you follow.
share-save = Save to a file…
share-saving = Saving: { $done } of { $total } files…
share-saved = Saved to { $path }. Carry it on a USB stick or send it; on the other laptop, choose “Import from a file”.
share-close = Close
share-file-kind = Peer Library file
import-heading = Import from a file
import-checking = Checking the file with the network’s keys…
import-from = { $feed }: from { $publisher }, signature checked. New: { $add }; updated: { $update }; removed: { $remove }.
import-whole = The whole library: documents the network has withdrawn are removed, as a sync would.
import-part = A part of the library: nothing is removed, and nothing is replaced by an older version.
import-not-followed = Left out, not a feed you follow: { $url }
import-nothing = Your library already holds everything in this file.
import-apply = Import
import-cancel = Cancel
import-applying = Importing…
import-done = { $added ->
    [one] 1 new document
   *[other] { $added } new documents
} and { $changed } updated arrived.
import-files-missing = { $count ->
    [one] 1 attachment was not in the file; it will be downloaded at the next sync.
   *[other] { $count } attachments were not in the file; they will be downloaded at the next sync.
}
import-show-new = Show what arrived
