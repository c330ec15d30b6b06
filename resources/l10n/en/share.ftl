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
import-files-over-budget = { $count ->
    [one] 1 attachment was left out: it would take the library past the space for attachments set in Settings.
   *[other] { $count } attachments were left out: they would take the library past the space for attachments set in Settings.
}
import-show-new = Show what arrived

## Sharing with laptops nearby (#20): the room's network, no internet

nearby-share-button = Share with people nearby…
nearby-get-button = Get the library from a nearby laptop…
nearby-share-heading = Share with people nearby
nearby-get-heading = Get the library from a nearby laptop
nearby-share-what = Laptops on the same network (the room’s Wi-Fi or a cable) can get the network’s documents from this one, with no internet. Only the network’s signed files are shared, read-only: never your notes, bookmarks, read marks or collections. Each laptop checks every file with the network’s own signature.
nearby-share-minutes = Stop sharing after
nearby-minutes = { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}
nearby-share-announce = Let laptops nearby find this one (a neutral name, “Library” and a number, is announced on this network)
nearby-discreet = Discreet mode is on: this laptop is not announced on the network. Give the address and the code to the people you share with.
nearby-start = Start sharing
nearby-stop = Stop sharing
nearby-no-network = This laptop is on no network. Join the room’s Wi-Fi or plug in a cable, then share again.
nearby-type-this = On the other laptop, choose “Get the library from a nearby laptop” and type this address:
nearby-code = Code:
nearby-announced = This laptop appears on the network as “{ $name }”.
nearby-qr = QR code of the address and code
nearby-sharing = Sharing { $documents ->
    [one] 1 document
   *[other] { $documents } documents
} and { $files ->
    [one] 1 attachment
   *[other] { $files } attachments
} until { DATETIME($until, hour: "numeric", minute: "numeric") }, or until you close this window.
nearby-ended = Sharing has ended.
nearby-taken = { $laptops ->
    [0] No laptop has taken anything yet.
    [one] 1 laptop took { $documents } documents and { $files } attachments.
   *[other] { $laptops } laptops took { $documents } documents and { $files } attachments.
}
nearby-looking = Looking for laptops sharing on this network…
nearby-found = Sharing on this network: choose the one whose address is on the sharing laptop’s screen (anyone can announce a name), then type the code that screen shows.
nearby-found-none = No laptop on this network announces a sharing. Type the address its screen shows.
nearby-look-again = Look again
nearby-address = Address
nearby-get = Get the library
nearby-get-what = Every file is checked with the network’s keys that this laptop already holds: a laptop nearby cannot change, add or withdraw a document. Nothing is asked of any other address.
nearby-wrong-code = That laptop does not share under this code. Check the code on its screen (it changes each time sharing starts).
nearby-unreachable = No laptop answers at this address. Check the address, that both laptops are on the same network, and that sharing is still on; a firewall may be blocking it.
nearby-getting = Getting the library from the laptop nearby…
