## The desktop entry and the software centre's page (resources/linux/generate.py, make dist)

desktop-name = Peer Library
desktop-generic-name = Document library
desktop-comment = Read the network’s documents, offline
desktop-keywords = documents;library;reports;statements;harm reduction;offline;
metainfo-summary = The network’s documents on your laptop, offline
metainfo-description-1 = Peer Library keeps the joint statements, annual reports, consultation guides and event pages of a network of people who use drugs, and of its member networks, on your laptop, in several languages, and keeps them up to date in the background.
metainfo-description-2 = Everything can be read and searched with no internet, attachments included. Every document is checked with the network’s own signature, so nobody between you and the network can change it.
metainfo-description-3 = Pass the library on by USB stick or over the room’s network; keep private notes and collections; take your personal data to a new laptop sealed with a passphrase.
metainfo-screenshot-library = The library, with its filters
metainfo-screenshot-reader = A document open in the reader
metainfo-screenshot-nearby = Sharing the library with people nearby
mime-network = Peer Library invitation
mime-bundle = Peer Library bundle
mime-update = Peer Library update
