# Messages de la commande `peerlib`.

cli-about = Lire, rechercher et tenir à jour la Peer Library depuis la ligne de commande.
cli-help-data-dir = Emplacement de la bibliothèque (par défaut : le dossier de données des applications du système ; aussi PEERLIB_DATA_DIR).
cli-help-lang = Langue des messages (en, fr, es, ru ; par défaut : selon LANG).
cli-help-json = Afficher du JSON lisible par une machine.
cli-cmd-list = Lister les documents de la bibliothèque.
cli-cmd-show = Afficher un document.
cli-help-id = L'identifiant du document.
cli-list-empty = La bibliothèque est vide.
cli-not-found = Aucun document ne porte l'identifiant « { $id } ».
cli-error = Erreur : { $message }
cli-field-kind = Type
cli-field-language = Langue
cli-field-published = Publication
cli-field-publishers = Par
cli-field-tags = Mots-clés
cli-field-translations = Traductions
cli-field-attachments = Pièces jointes
cli-cmd-search = Rechercher dans la bibliothèque : titres, textes, mots-clés, éditeurs et texte des pièces jointes.
cli-help-query = Ce qu'il faut chercher. Des mots entre guillemets forment une expression.
cli-help-doc-lang = Seulement les documents dans cette langue (en, fr, es, ru…).
cli-help-kind = Seulement les documents de ce type.
cli-help-limit = Nombre maximal de résultats à afficher.
cli-search-none = Aucun résultat. Essayez moins de mots, des mots plus courts ou aucun filtre.
cli-search-count = { $count ->
    [one] { $count } résultat
   *[other] { $count } résultats
}

## Publication (peerlib keygen, peerlib publish)

cli-cmd-keygen = Créer une paire de clés pour signer le flux du réseau (format minisign).
cli-cmd-publish = Construire le flux signé à partir d'un dossier de fichiers Markdown, prêt pour un hébergement statique.
cli-help-secret-key = Le fichier de clé secrète (gardez-le privé).
cli-help-public-key = Le fichier de clé publique (à installer sur chaque ordinateur, dans resources/network.toml).
cli-help-force = Remplacer des fichiers de clés existants.
cli-help-src = Le dossier des sources Markdown et de leurs pièces jointes.
cli-help-out = Le dossier où écrire le flux ; il est remplacé en une seule étape.
cli-help-expires-in = Après combien de jours les ordinateurs considèrent le flux comme périmé.
cli-help-publisher = Le nom de l'éditeur affiché dans le flux.
cli-keygen-done = Paire de clés écrite. Identifiant de clé : { $id }. Gardez la clé secrète privée et sauvegardez-la ; mettez la clé publique dans resources/network.toml.
cli-keygen-exists = { $path } existe déjà. Utilisez --force pour le remplacer (les ordinateurs qui font confiance à l'ancienne clé refuseront la nouvelle).
cli-cmd-rotate-key = Signer une déclaration (OUT/keys.json) qui fait passer les ordinateurs de la clé actuelle à la suivante, et peut révoquer des clés pour toujours.
cli-help-next-public-key = La clé publique à laquelle les ordinateurs feront confiance dès leur prochaine synchronisation (un fichier .pub de keygen).
cli-help-revoke = Un identifiant de clé auquel les ordinateurs ne feront plus jamais confiance (à répéter pour en donner plusieurs).
cli-rotate-key-done = keys.json écrit (déclaration { $seq }) : dès leur prochaine synchronisation, les ordinateurs ne font confiance qu’à la clé { $id }. Publiez désormais avec sa clé secrète.
cli-publish-done = Publié, séquence { $seq } : { $documents } documents ({ $changed } modifiés), { $attachments } pièces jointes.
cli-publish-invalid = { $count ->
    [one] Rien n'a été publié : corrigez le problème ci-dessus et relancez la commande.
   *[other] Rien n'a été publié : corrigez les { $count } problèmes ci-dessus et relancez la commande.
}
cli-publish-no-key = La clé secrète { $path } est illisible.
cli-publish-no-src = Le dossier source { $path } n'existe pas.
cli-publish-bad-key = Le fichier n'est pas une clé secrète minisign utilisable (les clés protégées par mot de passe ne sont pas prises en charge ; créez-en une avec peerlib keygen).
cli-publish-bad-feed = { $path } n'est pas un flux écrit par cette commande. Déplacez-le ou choisissez un autre dossier de sortie.
cli-publish-outside-source = { $path } mène hors du dossier source (un lien vers un fichier ou un dossier ailleurs). La publication ne lit que ce qui est dans le dossier source : copiez-y le fichier ou supprimez le lien.
cli-problem = { $file }:{ $line } : { $message }
problem-no-front-matter = le fichier doit commencer par un en-tête entre des lignes +++.
problem-syntax = l'en-tête n'est pas du TOML valide ({ $detail }).
problem-missing-title = le titre (title) manque.
problem-missing-kind = le type (kind) manque.
problem-unknown-kind = « { $kind } » n'est pas un type ; utilisez l'un de : { $kinds }.
problem-missing-language = la langue (language) manque.
problem-invalid-language = « { $tag } » n'est pas une étiquette de langue valide (BCP 47, par exemple en, fr, es-419, ru).
problem-insecure-url = le lien « { $url } » doit commencer par https://.
problem-missing-attachment = la pièce jointe « { $path } » n'existe pas.
problem-attachment-outside = le chemin de pièce jointe « { $path } » sort du dossier source.
problem-attachment-not-its-type = la pièce jointe « { $path } » n'est pas du type qu'indique son nom : son contenu est { $real }. Renommez-la ou remplacez-la.
problem-attachment-unknown-type = la pièce jointe « { $path } » n'est pas du type qu'indique son nom : son contenu n'est d'aucun type connu. Renommez-la ou remplacez-la.
problem-attachment-password = la pièce jointe « { $path } » demande un mot de passe pour s'ouvrir : les lecteurs ne pourraient ni y chercher ni l'ouvrir depuis la bibliothèque. Enregistrez-la sans mot de passe.
problem-duplicate-id = l'identifiant « { $id } » est déjà utilisé par { $first }.
cli-cmd-serve = Servir un flux publié en HTTP (pour le développement ou un petit bureau).
cli-help-serve-dir = Le dossier écrit par peerlib publish.
cli-help-addr = L'adresse et le port d'écoute.
cli-serve-listening = Flux servi à l'adresse { $url } (Ctrl+C pour arrêter).
cli-serve-cannot-listen = Impossible d'écouter sur { $addr } : le port est peut-être déjà utilisé. Choisissez-en un autre avec --addr.

## Synchronisation et flux (peerlib sync, peerlib status, peerlib feeds)

cli-cmd-sync = Mettre la bibliothèque à jour depuis le flux du réseau et tous les flux que vous suivez.
cli-help-allow-mass-delete = Appliquer une mise à jour même si elle retire plus de la moitié des documents d’un flux.
cli-cmd-status = Afficher la dernière synchronisation, ce qui a échoué le cas échéant, et les flux suivis.
cli-cmd-feeds = Suivre, lister ou ne plus suivre des flux.
cli-cmd-feeds-add = Suivre un flux : RSS, Atom ou JSON Feed d’un site, ou une autre bibliothèque signée avec --public-key.
cli-cmd-feeds-list = Lister les flux suivis.
cli-cmd-feeds-remove = Ne plus suivre un flux et retirer ses documents (vos notes et favoris restent).
cli-help-feed-url = L’adresse web du flux.
cli-help-feed-key = La clé publique minisign de l’éditeur : ses documents seront alors vérifiés.
cli-network-invalid = Les réglages du réseau n’ont pas pu être lus : { $detail }
cli-sync-updated = { $title } : { $added ->
    [one] { $added } nouveau
   *[other] { $added } nouveaux
}, { $changed ->
    [one] { $changed } modifié
   *[other] { $changed } modifiés
}, { $removed ->
    [one] { $removed } retiré
   *[other] { $removed } retirés
}.
cli-sync-up-to-date = { $title } : à jour.
cli-sync-waiting = { $title } : le serveur a demandé d’attendre ; prochain essai après { $time }.
cli-sync-failed = { $title } : { $message }
cli-sync-stale = Le réseau n’a pas renouvelé son flux à temps : des documents peuvent manquer dans cette mise à jour.
cli-sync-files-missing = { $count ->
    [one] { $count } pièce jointe n’a pas pu être téléchargée cette fois ; nouvel essai à la prochaine synchronisation.
   *[other] { $count } pièces jointes n’ont pas pu être téléchargées cette fois ; nouvel essai à la prochaine synchronisation.
}
cli-status-never = La bibliothèque n’a encore jamais été synchronisée avec succès.
cli-status-last-success = Dernière synchronisation réussie : { $time }.
cli-status-stale = { $title } n’a pas été mis à jour depuis le { $time } : son flux a expiré le { $expired }, des documents peuvent être dépassés.
cli-status-last-attempt = La dernière synchronisation, à { $time }, n’a pas abouti :
# Stands for a feed's title in the lines below cli-status-last-attempt when the feed is no longer followed.
cli-status-feed-gone = un flux qui n’est plus suivi
cli-feeds-line-signed = { $title } — { $url } (signé ; { $count ->
    [one] { $count } document
   *[other] { $count } documents
})
cli-feeds-line-unverified = { $title } — { $url } (non vérifié ; { $count ->
    [one] { $count } document
   *[other] { $count } documents
})
cli-feeds-added = Vous suivez maintenant { $url }. Lancez peerlib sync pour le récupérer.
cli-feeds-already = Vous suivez déjà { $url }.
cli-feeds-removed = Vous ne suivez plus { $url } ; { $count ->
    [one] { $count } document a été retiré.
   *[other] { $count } documents ont été retirés.
}
cli-help-attachment-budget = Nombre maximal de mégaoctets de pièces jointes à garder sur cet ordinateur (par défaut : sans limite).
cli-help-proxy = Passer par ce proxy pour cette synchronisation (socks5h://127.0.0.1:9050 pour Tor ; par défaut : celui des réglages, sinon HTTP_PROXY et semblables).

# Bundles (#20)
cli-cmd-export = Enregistrer les documents du réseau (toute la bibliothèque, une collection ou des documents) dans un fichier paquet à emporter sur un autre ordinateur.
cli-cmd-import = Vérifier un fichier paquet avec les clés du réseau et ajouter son contenu à la bibliothèque.
cli-cmd-inventory = Écrire dans un fichier ce que contient cette bibliothèque, pour qu’un paquet fait pour elle ne contienne que ce qui manque.
cli-help-bundle-file = Le fichier paquet.
cli-help-inventory-file = Le fichier d’inventaire à écrire.
cli-help-export-collection = Seulement les documents de cette collection (par son nom), avec leurs traductions.
cli-help-export-document = Seulement ce document (par son identifiant), avec ses traductions ; peut être répété.
cli-help-export-for = Laisser de côté ce que contient déjà la bibliothèque décrite par ce fichier d’inventaire.
cli-inventory-written = Inventaire de { $documents } documents écrit dans { $file }.
cli-export-planned = Le paquet contiendra { $documents } documents et { $files } pièces jointes, { $size } Mo.
cli-export-written = { $file } écrit.
cli-export-no-collection = Il n’y a pas de collection nommée « { $name } ».
cli-import-not-followed = { $url } : ce n’est pas un flux que vous suivez ; laissé de côté.
cli-cmd-share = Partager la copie des documents du réseau de cet ordinateur, en lecture seule, avec les ordinateurs du même réseau local (ils lancent « peerlib sync --from »).
cli-help-share-addr = L’adresse et le port d’écoute (toutes les interfaces par défaut).
cli-help-share-minutes = Arrêter le partage après ce nombre de minutes (60 par défaut), ou avec Ctrl-C.
cli-help-sync-from = Synchroniser les documents du réseau depuis un ordinateur proche à cette adresse (« peerlib share »), vérifiés avec les clés du réseau ; rien d’autre n’est demandé, à aucune autre adresse.
cli-sync-from-room-only = --from ne prend qu’un ordinateur proche : l’adresse qu’affichent « peerlib share » ou la fenêtre, sur le réseau de la salle (par exemple http://192.168.1.20:8765/ABCD2345/), jamais un nom ni une adresse sur Internet, qui serait contactée directement, sans passer par un proxy.
cli-share-listening = Partage de { $documents } documents et { $files } pièces jointes sur { $url } (lecture seule, code { $code }). Sur l’autre ordinateur : peerlib sync --from { $url }
cli-share-also = Aussi sur { $url }
cli-share-announced = Annoncé sur ce réseau sous le nom « { $name } » (peerlib nearby le trouve ; le code reste nécessaire).
cli-share-discreet = Non annoncé sur ce réseau : le mode discret est activé. Donnez l’adresse et le code à ceux qui les demandent.
cli-help-share-no-announce = Ne pas annoncer le partage sur le réseau local (il faudra donner l’adresse aux autres).
cli-cmd-nearby = Lister les ordinateurs qui partagent une bibliothèque sur ce réseau local.
cli-help-nearby-seconds = Combien de secondes écouter (3 par défaut).
cli-nearby-none = Aucun ordinateur de ce réseau n’annonce de bibliothèque partagée. Demandez plutôt son adresse et son code.
cli-nearby-discreet = Le mode discret est activé : cet ordinateur n’écoute pas les bibliothèques partagées annoncées à proximité. Demandez l’adresse et le code de l’ordinateur qui partage, et donnez-les à peerlib sync --from.
cli-nearby-found = { $name } : { $address } (demandez son code)
cli-share-ended = Le partage est terminé. { $laptops ->
    [one] 1 ordinateur a
   *[other] { $laptops } ordinateurs ont
} pris la bibliothèque : { $documents } documents et { $files } pièces jointes envoyés.

## Personal data taken to another laptop (#18)

cli-cmd-personal = Emporter vos données personnelles sur un autre ordinateur : notes, signets, marques de lecture, collections et réglages, dans un fichier scellé par une phrase secrète.
cli-cmd-personal-export = Écrire vos données personnelles dans FICHIER, scellées par une phrase secrète de votre choix.
cli-cmd-personal-import = Ajouter les données personnelles de FICHIER à celles de cet ordinateur (rien n’est perdu : une note différente sur le même document est gardée à côté).
cli-help-personal-file = Le fichier de données personnelles.
cli-passphrase = Phrase secrète :
cli-passphrase-again = La même phrase secrète, à nouveau :
cli-passphrase-mismatch = Les deux phrases secrètes diffèrent. Rien n’a été écrit.
cli-passphrase-unreadable = Aucune phrase secrète n’a été donnée (saisissez-la quand elle est demandée, ou donnez-la sur une ligne de l’entrée standard).
cli-personal-written = Vos données personnelles sont scellées dans { $file }. Sans la phrase secrète, personne ne peut les lire, et personne ne peut la retrouver pour vous.
cli-personal-imported = Arrivé : notes { $notes } ({ $merged } gardées à côté d’une de vos notes), signets { $bookmarks }, nouvelles collections { $collections }, documents ajoutés aux collections { $items }.

## Panic erase (#18)

cli-cmd-erase = Effacer vos données personnelles (--personal) ou tout ce que Peer Library garde sur cet ordinateur (--all), écrasé et supprimé. Quittez l’application d’abord.
cli-help-erase-personal = Notes, signets, marques de lecture, collections, réglages, les flux que vous suivez et le journal de synchronisation.
cli-help-erase-all = Tout le dossier de données, la bibliothèque comprise.
cli-erased = Effacé : { $files } fichiers. Peer Library démarrera comme neuf.

## peerlib update et peerlib release (mises à jour signées de l’application, docs/releasing.md)
cli-cmd-update = Chercher une version plus récente de Peer Library et l’installer, depuis l’hébergement du réseau ou depuis un fichier de mise à jour (une clé USB).
cli-help-update-check = Dire seulement si une version plus récente existe.
cli-help-update-save = Télécharger la mise à jour et l’enregistrer dans ce fichier, pour l’installer sur des ordinateurs sans internet.
cli-help-update-system = Avec --save : le système auquel la mise à jour est destinée (linux-x86_64-deb, windows-x86_64-nsis…), s’il n’est pas celui de cet ordinateur.
cli-help-update-from = Installer la mise à jour contenue dans ce fichier (vérifiée exactement comme par le réseau).
cli-update-none = Peer Library { $version } est la version la plus récente.
cli-update-available = La version { $version } est prête à être installée.
cli-update-saved = Version { $version } enregistrée dans { $path }. Copiez-la sur une clé USB et installez-la sur un autre ordinateur depuis les Réglages ou avec « peerlib update --from ».
cli-update-installing = Installation de la version { $version }…
cli-update-waiting = Une autre mise à jour de ce dossier de données est en cours (dans la fenêtre, ou un autre peerlib update) : attente de sa fin…
cli-update-installed = La version { $version } est installée. Relancez Peer Library pour l’utiliser.
cli-update-by-hand = La version { $version } est ouverte dans le Finder. Faites glisser l’application qui s’y trouve dans Applications, à la place de l’ancienne, puis ouvrez-la.
cli-cmd-release = Signer une nouvelle version de l’application dans le dossier du flux (updates/), pour que les ordinateurs la trouvent et l’installent.
cli-help-release-out = Le dossier du flux (tel qu’écrit par « peerlib publish »).
cli-help-release-version = La nouvelle version (par ex. 1.4.0) ; elle doit être plus récente que toutes les précédentes.
cli-help-release-notes = Notes de version dans une langue : LANGUE=FICHIER (en est obligatoire ; aussi fr, es, ru).
cli-help-release-package = Un installateur : SYSTÈME=FICHIER, par ex. linux-x86_64-deb=peer-library_1.4.0_amd64.deb.
cli-help-released = La date de publication (AAAA-MM-JJ ; par défaut : aujourd’hui).
cli-release-pair = « { $value } » n’est pas de la forme NOM=FICHIER.
cli-release-unreadable = Impossible de lire { $path }.
cli-release-done = Version { $version } signée avec { $packages } installateurs, dans updates/.
cli-release-failed = La version n’a pas été écrite : { $detail }

## peerlib network (le réseau suivi par cet ordinateur ; invitations)
cli-cmd-network = Afficher le réseau que suit cet ordinateur, en rejoindre un autre depuis une invitation, ou le quitter.
cli-cmd-network-show = Afficher le réseau suivi, son flux et ses clés, et qui l’a choisi.
cli-cmd-network-join = Rejoindre le réseau que nomme une invitation (un fichier .peerlib-network ou un lien https).
cli-cmd-network-leave = Ne plus suivre le réseau rejoint : celui défini pour cet ordinateur, ou celui intégré, est de nouveau suivi.
cli-help-invitation = L’invitation : un fichier, ou un lien https vers un fichier.
cli-network-name = Réseau : { $name }
cli-network-feed = Flux : { $url }
cli-network-keys = Clés de signature : { $keys }
cli-network-source-environment = Défini par PEERLIB_NETWORK pour cette exécution.
cli-network-source-joined = Rejoint depuis une invitation.
cli-network-source-system = Défini pour tous les utilisateurs de cet ordinateur par son administrateur.
cli-network-source-shipped = Intégré à cette copie de Peer Library.
cli-network-joined = Réseau rejoint. La bibliothèque le suit dès sa prochaine synchronisation ; les documents du réseau suivi auparavant en sortent, vos notes restent.
cli-help-network-yes = Rejoindre sans demander : le réseau que nomme l’invitation est rejoint aussitôt (sans cette option, ce réseau est affiché et rien ne change).
cli-network-join-ask = Pas encore rejoint : vérifiez le nom, l’adresse et les clés ci-dessus. Ses clés décident du contenu de votre bibliothèque ; les documents du réseau suivi actuellement quitteraient la bibliothèque (vos notes restent), et les nouvelles versions de Peer Library seraient aussi cherchées à cette adresse. Pour rejoindre cette invitation, relancez la même commande avec --yes --expect { $digest }
cli-help-network-expect = Avec --yes : rejoindre seulement si l’invitation est toujours celle affichée (son empreinte, telle que l’a affichée la commande sans --yes), pour qu’un lien ne puisse pas changer entre-temps.
cli-network-join-changed = L’invitation n’est pas celle affichée auparavant (son empreinte est { $digest }) : elle a changé entre-temps. Rien n’a été modifié.
cli-network-left = Vous avez quitté le réseau rejoint.
cli-network-not-joined = Vous n’aviez rejoint aucun réseau.
cli-network-invalid-joined = C’est le réseau rejoint depuis une invitation : `peerlib network leave` le quitte.
cli-invitation-invalid = Cette invitation n’est pas valide : { $detail }. Rien n’a été modifié.

## Chiffrement des données personnelles (#18)
cli-cmd-encrypt = Chiffrer vos données personnelles (notes, signets, documents lus, collections, réglages, flux suivis, et leurs sauvegardes) avec une phrase secrète de votre choix. Quittez d’abord l’application.
cli-cmd-decrypt = Retirer le chiffrement de vos données personnelles (demande leur phrase secrète). Quittez d’abord l’application.
cli-cmd-passphrase = Changer la phrase secrète de vos données personnelles chiffrées. Quittez d’abord l’application.
cli-unlock-passphrase = Phrase secrète de vos données personnelles :
cli-wrong-passphrases = { $count ->
    [one] Depuis la dernière ouverture de ces données personnelles, une phrase secrète erronée a été saisie une fois, le { $last }.
   *[other] Depuis la dernière ouverture de ces données personnelles, une phrase secrète erronée a été saisie { $count } fois, la dernière le { $last }.
} Si ce n’était pas vous, quelqu’un a peut-être essayé de les ouvrir.
cli-unlock-waiting = Des phrases secrètes erronées ont été saisies : la phrase secrète est vérifiée dans { $seconds } s.
cli-passphrase-current = Phrase secrète actuelle :
cli-passphrase-new = Nouvelle phrase secrète (8 caractères au moins) :
cli-encrypt-forgotten = Si vous oubliez cette phrase secrète, personne ne pourra récupérer vos notes, signets, collections et réglages : ni vous, ni le réseau, ni nous. Il n’y a pas de porte dérobée. La bibliothèque elle-même n’est pas perdue : elle peut être synchronisée à nouveau.
cli-encrypted = Vos données personnelles sont chiffrées. Chaque commande, et l’application, demanderont la phrase secrète.
cli-decrypted = Vos données personnelles ne sont plus chiffrées.
cli-help-encrypt-all = Chiffrer aussi la bibliothèque (ses documents, leurs pièces jointes et images, les flux que vous suivez, l’index de recherche) : elle ne s’ouvre alors qu’avec la phrase secrète.
cli-library-encrypted = La bibliothèque est chiffrée elle aussi, pièces jointes (PDF, présentations) et images comprises : elle ne s’ouvre qu’avec la phrase secrète.
cli-decrypted-all = Vos données personnelles et la bibliothèque ne sont plus chiffrées.
cli-passphrase-changed = La phrase secrète est changée. L’ancienne n’ouvre plus rien.
cli-cmd-lock = Verrouiller l’application ouverte : elle redemande la phrase secrète avant de montrer quoi que ce soit.
cli-locked = L’application est verrouillée.
cli-lock-not-running = Peer Library n’est pas ouvert : il n’y a rien à verrouiller.
cli-lock-no-app = Impossible de demander à l’application de se verrouiller (son programme est introuvable à côté de cette commande).
cli-lock-failed = Impossible de demander à l’application de se verrouiller (il faut la session de bureau où elle tourne : son affichage et son bus de session). Utilisez « Verrouiller » dans sa fenêtre.
