# Peer Library — textes de l'interface (français).

app-title = Peer Library
discreet-title = Bibliothèque
tray-open-discreet = Ouvrir
notify-new-items = Nouveaux éléments
notify-background-discreet = Cette application continue de fonctionner en arrière-plan. Pour la quitter, utilisez son icône dans la zone de notification.

## Bibliothèque

library-heading = Bibliothèque
library-count = { $count ->
    [one] { $count } document
   *[other] { $count } documents
}
library-loading = Ouverture de la bibliothèque…
library-empty = La bibliothèque est vide. Elle se remplira à la prochaine synchronisation.
library-col-languages = Langues
library-date = { DATETIME($date, year: "numeric", month: "short", day: "numeric") }
library-undated = Sans date

## Types de documents

kind-statement = Déclaration
kind-report = Rapport
kind-guide = Guide
kind-news = Actualité
kind-event = Événement
kind-video = Vidéo
kind-publication = Publication

## Noms de langues

language-name = { $code ->
    [en] anglais
    [fr] français
    [es] espagnol
    [ru] russe
   *[other] { $code }
}

## Lecture

reader-back = Retour à la bibliothèque
reader-published = Publié le { DATETIME($date, year: "numeric", month: "long", day: "numeric") }
reader-publishers = Par { $publishers }
reader-translations = Aussi en
# The same, as a visible label before the list of languages.
reader-translations-label = Aussi en :
reader-attachments = Pièces jointes
reader-attachment-size = { $kb ->
    [one] { $kb } Ko
   *[other] { $kb } Ko
}
reader-attachment-open = Ouvrir
reader-attachment-offline = Enregistré sur cet ordinateur
reader-link = Regarder ou ouvrir : { $url }

reader-bookmark = Ajouter aux favoris
reader-bookmarked = Dans les favoris
reader-note-label = Ma note privée
reader-note-placeholder = Vous seul voyez cette note. Elle ne quitte jamais cet ordinateur.
reader-note-saved = Enregistrée sur cet ordinateur uniquement

## Erreurs

error-not-found = Ce document ne fait plus partie de la bibliothèque.
error-database = La bibliothèque n'a pas pu être lue. Redémarrez Peer Library ; si le problème persiste, vos notes sont en sécurité et la bibliothèque sera reconstruite à la prochaine synchronisation.
error-newer-database = Cette bibliothèque a été enregistrée par une version plus récente de Peer Library. Mettez l'application à jour pour l'ouvrir ; rien n'a été modifié.
error-invalid-argument = L'application a reçu une demande qu'elle ne comprend pas.
error-attachment-missing = Cette pièce jointe n'est pas encore sur cet ordinateur. Elle sera téléchargée à la prochaine synchronisation.
error-not-openable = Ce fichier n'est pas un type de document qu'il est sûr d'ouvrir d'ici. Vous pouvez en enregistrer une copie.
error-internal = Une erreur interne s'est produite dans Peer Library. Réessayez ; rien n'a été modifié dans votre bibliothèque.
error-disk = Le disque est plein ou protégé en écriture. Libérez de l'espace et réessayez ; votre bibliothèque n'a pas été modifiée.
error-invalid-document = Un document de la mise à jour n'est pas valide et n'a pas été enregistré. Le reste de la bibliothèque est inchangé.
error-no-data-dir = Cet ordinateur n'a pas de dossier pour les données des applications. Choisissez-en un avec --data-dir ou PEERLIB_DATA_DIR.

## Pourquoi les mots d'une pièce jointe ne sont pas cherchables

attachment-text-no-text-layer = Pages numérisées : les mots de ce fichier ne peuvent pas être recherchés.
attachment-text-encrypted = Protégé par mot de passe : les mots de ce fichier ne peuvent pas être recherchés.
attachment-text-not-its-type = Ce fichier n'est pas du type annoncé. Ouvrez-le avec prudence.
attachment-text-unreadable = Ce fichier semble endommagé : ses mots ne peuvent pas être recherchés.
attachment-text-too-large = Ce fichier est trop volumineux pour être lu sans risque : ses mots ne peuvent pas être recherchés.
attachment-text-too-slow = La lecture de ce fichier a pris trop de temps : ses mots ne peuvent pas être recherchés.
error-signature = Cette mise à jour n'a pas passé la vérification de signature ; elle n'a pas été utilisée. Votre bibliothèque est inchangée. Si cela se répète, le réseau auquel vous êtes connecté modifie peut-être les téléchargements : réessayez plus tard sur un autre réseau.
error-tampered = Un fichier de cette mise à jour ne correspond pas à ce que le réseau a publié ; la mise à jour n'a pas été utilisée. Votre bibliothèque est inchangée. Réessayez plus tard ou sur un autre réseau.

## Recherche

search-label = Rechercher dans la bibliothèque
search-placeholder = Rechercher dans les titres, les textes et les pièces jointes…
search-results = { $count ->
    [one] { $count } résultat
   *[other] { $count } résultats
}
search-results-more = Plus de { $count } résultats : ajoutez un mot pour affiner
search-none = Aucun résultat pour « { $query } ». Essayez moins de mots ou des mots plus courts ; les accents et les terminaisons n'ont pas d'importance.
search-in-attachment = Trouvé dans une pièce jointe

## Pourquoi une synchronisation n’a pas abouti (par code). Une synchronisation échouée ne modifie jamais la bibliothèque.

error-offline = Pas de connexion au serveur du flux. Vous pouvez continuer à lire tout ce qui est déjà sur cet ordinateur ; la bibliothèque se mettra à jour quand vous serez en ligne.
error-timeout = Le serveur du flux a mis trop de temps à répondre. Votre bibliothèque est inchangée ; nouvel essai plus tard.
error-rate-limited = Le serveur du flux est occupé et a demandé de revenir plus tard. Peer Library attendra comme demandé avant de réessayer.
error-feed-gone = Le flux est introuvable à cette adresse. Il a peut-être changé d’adresse : vérifiez-la dans les Réglages.
error-server = Le serveur du flux a rencontré un problème. Votre bibliothèque est inchangée ; nouvel essai plus tard.
error-too-large = Le serveur a envoyé bien plus de données qu’un flux ne devrait en contenir ; elles n’ont pas été utilisées. Votre bibliothèque est inchangée.
error-sign-in = Ce réseau vous demande de vous connecter. Ouvrez une page web dans votre navigateur pour atteindre sa page de connexion, puis synchronisez à nouveau.
error-redirect = L’adresse du flux menait là où elle ne devrait pas (trop de redirections, ou d’une adresse sécurisée vers une adresse non sécurisée) ; elle n’a pas été suivie.
error-interrupted = Le téléchargement a été interrompu. Votre bibliothèque est inchangée ; il reprendra là où il s’est arrêté à la prochaine synchronisation.
error-cancelled = La synchronisation a été arrêtée. Votre bibliothèque est inchangée.
error-bad-url = Ce n’est pas une adresse web de flux valable. Elle doit commencer par https://.
error-rollback = Le serveur a proposé une version de la bibliothèque plus ancienne que la vôtre ; elle a été refusée. Si cela se répète, le réseau auquel vous êtes connecté modifie peut-être les téléchargements.
error-publisher = Cette mise à jour a été signée par quelqu’un d’autre que l’éditeur du flux ; elle n’a pas été utilisée. Votre bibliothèque est inchangée.
error-mass-delete = Cette mise à jour retirerait plus de la moitié des documents de ce flux ; elle a été mise en attente. Si le réseau les a vraiment retirés, confirmez la mise à jour pour l’appliquer.
error-busy = Une synchronisation est déjà en cours. Attendez qu’elle se termine.
error-unreadable-feed = Ce flux n’a pas pu être lu : il est endommagé ou ce n’est pas un flux. Rien n’a été modifié.
error-waiting = Le serveur a demandé d’attendre avant la prochaine synchronisation. Peer Library réessaiera plus tard.
error-not-subscribed = Vous ne suivez pas ce flux (le flux du réseau lui-même ne peut pas être retiré).
error-bundle-unreadable = Ce fichier n’est pas un paquet Peer Library, ou il est endommagé ou incomplet (une copie interrompue ?). Rien n’a été modifié.
error-bundle-tampered = Ce paquet contient des fichiers que le réseau n’a pas publiés, des fichiers modifiés après sa signature ou des noms hors de ses dossiers : il n’a pas été utilisé. Rien n’a été modifié.
error-bundle-signature = Ce paquet n’est pas signé par le réseau que vous suivez (ou sa signature est cassée) : il n’a pas été utilisé. Rien n’a été modifié.
error-bundle-older = Ce paquet contient une version de la bibliothèque plus ancienne que la vôtre : il n’a pas été utilisé. Rien n’a été modifié.
error-bundle-incomplete = Il manque à ce paquet des documents dont votre bibliothèque a besoin : il a été fait pour la bibliothèque d’un autre ordinateur, ou il est incomplet. Demandez un paquet de toute la bibliothèque. Rien n’a été modifié.
error-bundle-not-passable = Une partie de cette bibliothèque ne peut pas encore être transmise : elle a été enregistrée avant que Peer Library ne garde les fichiers signés du réseau. Synchronisez une fois avec le réseau, puis partagez de nouveau.
error-bad-inventory = Ce fichier n’est pas un inventaire Peer Library. Créez-en un sur l’autre ordinateur avec « peerlib inventory FICHIER ».
error-share-cannot-listen = Cet ordinateur ne peut pas partager sur son réseau pour l’instant : il n’a pas pu ouvrir de port. Réessayez dans un moment, ou transmettez la bibliothèque dans un fichier.
error-nearby-address = Saisissez l’adresse et le code tels que l’ordinateur qui partage les affiche, par exemple 192.168.1.5:8765 et ABCD-EFGH.
error-wrong-passphrase = Cette phrase secrète n’ouvre pas le fichier (ou le fichier a été modifié après sa création). Rien n’a été changé.
error-not-personal-file = Ce fichier n’est pas un fichier de données personnelles exporté par Peer Library, ou il est endommagé. Rien n’a été changé.
error-short-passphrase = Choisissez une phrase secrète d’au moins 8 caractères : quelques mots dont vous vous souviendrez, c’est le mieux.
error-update-signature = Cette mise à jour n’est pas signée par la clé de publication de Peer Library. Elle n’a pas été installée ; votre version n’a pas changé.
error-update-not-manifest = Ce n’est pas une mise à jour de Peer Library (ses informations sont illisibles). Rien n’a été modifié.
error-update-not-newer = Cette mise à jour n’est pas plus récente que votre version : elle n’a pas été installée. Rien n’a été modifié.
error-update-older-than-waiting = Une version plus récente attend déjà d’être installée : cette mise à jour plus ancienne n’a pas été gardée. Rien n’a été modifié.
error-update-no-package = Cette mise à jour n’a pas d’installateur pour votre système. Rien n’a été modifié.
error-update-damaged = L’installateur de la mise à jour est endommagé ou incomplet (il ne correspond pas à sa signature). Il n’a pas été installé ; téléchargez-le ou copiez-le à nouveau.
error-update-not-file = Ce fichier n’est pas une mise à jour de Peer Library. Rien n’a été modifié.
error-update-not-installed = Cette copie de Peer Library n’a pas été installée par un installateur : elle ne peut pas se mettre à jour elle-même. Installez la nouvelle version avec un installateur.
error-update-installer = L’installateur du système n’est pas allé au bout : la mise à jour n’a pas été installée. Votre version et vos données n’ont pas changé.
error-invitation = Cette invitation n’est pas valide (elle doit donner le nom du réseau, une adresse https sécurisée et ses clés de signature). Rien n’a été modifié.
error-locked = Vos données personnelles (notes, signets, collections, réglages) sont chiffrées. Saisissez leur phrase secrète pour les ouvrir.
error-already-encrypted = Vos données personnelles sont déjà chiffrées. Pour changer leur phrase secrète, utilisez « Changer la phrase secrète ».
error-not-encrypted = Vos données personnelles ne sont pas chiffrées : il n’y a pas de phrase secrète à retirer ou à changer.
error-in-use = Peer Library est ouvert sur cet ordinateur. Quittez-le (aussi depuis la zone de notification), puis réessayez. Rien n’a été modifié.
error-bad-key = Ce n’est pas une clé publique minisign. Copiez toute la ligne de clé que l’éditeur vous a donnée.
error-network-config = Les réglages réseau de cette copie de Peer Library (network.toml) ne sont pas valides ; elle ne peut pas se synchroniser. Les Réglages, sous « Votre réseau », disent lesquels et que faire.

## La barre de synchronisation sous la barre du haut

sync-now = Synchroniser
sync-stop = Arrêter
sync-retry = Réessayer
sync-apply-anyway = Appliquer la mise à jour quand même
sync-show-all = Tout afficher
sync-show-less = Réduire
sync-running = Recherche de mises à jour…
sync-progress-documents = Téléchargement des documents : { $done } sur { $total }
sync-progress-attachments = Téléchargement des pièces jointes : { $done } sur { $total }
sync-progress-applying = Enregistrement de { $total } documents…
sync-last = À jour au { DATETIME($date, month: "short", day: "numeric", hour: "numeric", minute: "numeric") }.
sync-never = Pas encore synchronisée : vous lisez la bibliothèque fournie avec l’application.
sync-stale-since = Pas de mise à jour depuis le { DATETIME($date, month: "short", day: "numeric", hour: "numeric", minute: "numeric") } : le réseau n’a pas renouvelé son flux à temps ; certains documents peuvent être dépassés.
sync-last-update = Dernière mise à jour de la bibliothèque : { DATETIME($date, month: "short", day: "numeric", hour: "numeric", minute: "numeric") }.
sync-library-from-app = Vous lisez la bibliothèque fournie avec l’application.

## Icône de la barre système et notifications (affichées par le système)

tray-open = Ouvrir Peer Library
tray-sync-now = Synchroniser
tray-pause = Suspendre la synchronisation en arrière-plan
tray-quit = Quitter
tray-tooltip-idle = Peer Library : à jour
tray-tooltip-syncing = Peer Library : synchronisation…
tray-tooltip-error = Peer Library : la dernière synchronisation n’a pas abouti
notify-background = Peer Library tient votre bibliothèque à jour en arrière-plan. Pour quitter, utilisez son icône dans la barre système.
notify-new-documents = { $count ->
    [one] { $count } nouveau document dans votre bibliothèque
   *[other] { $count } nouveaux documents dans votre bibliothèque
}
notify-open-new = Voir les nouveautés

## Réglages

settings-title = Réglages
settings-feeds = Flux suivis
settings-feed-verified = Signé
settings-feed-unverified = Non vérifié
settings-feed-remove = Ne plus suivre
settings-feed-remove-label = Ne plus suivre { $title }
settings-feed-url = Adresse du flux (RSS, Atom ou JSON Feed)
settings-feed-key = Clé publique de l’éditeur (seulement pour une bibliothèque signée)
settings-feed-add = Suivre
settings-feed-added = Flux ajouté. Il sera récupéré à la prochaine synchronisation.
settings-feed-already = Vous suivez déjà ce flux.
settings-feed-removed = { $count ->
    [one] Flux retiré, avec son document ({ $count }). Vos notes sont conservées.
   *[other] Flux retiré, avec ses { $count } documents. Vos notes sont conservées.
}
settings-sync = Synchronisation
settings-interval = Chercher des mises à jour toutes les
settings-interval-minutes = { $minutes ->
    [60] heures
    [180] 3 heures
    [720] 12 heures
   *[other] { $minutes } minutes
}
settings-budget = Espace pour les pièces jointes (Mo)
settings-budget-none = Sans limite
settings-background = En arrière-plan
settings-notifications = Me prévenir quand de nouveaux documents arrivent
settings-keep = Continuer à synchroniser quand la fenêtre est fermée
settings-discreet = Mode discret
settings-discreet-hint = La fenêtre, l’icône de la zone de notification et les notifications affichent un nom (« Bibliothèque ») et une icône neutres, sans titres ni nombres, et le partage avec les personnes à proximité n’est jamais annoncé sur le réseau. Cela ne cache pas que l’application est installée : quelqu’un qui regarde les programmes ou les fichiers de l’ordinateur la trouvera. Il ne chiffre rien non plus sur l’ordinateur.
tray-erase = Effacer mes données personnelles…
tray-lock = Verrouiller maintenant
# What the system shows for the app holding off sleep until it has locked (systemd-inhibit --list).
sleep-inhibit-why = Verrouille la bibliothèque avant la mise en veille de l’ordinateur
lock-now = Verrouiller
lock-now-hint = Verrouiller maintenant (Ctrl+L) : la fenêtre ne montre plus que la demande de phrase secrète jusqu’à ce qu’elle soit de nouveau saisie.
unlock-heading = Verrouillé
unlock-text = Vos données personnelles sont chiffrées. Saisissez leur phrase secrète pour ouvrir la bibliothèque.
unlock-passphrase-changed = Votre nouvelle phrase secrète a été enregistrée au moment où l’application s’est verrouillée : c’est la nouvelle qui ouvre désormais vos données.
nothing-locked-heading = Non verrouillé
nothing-locked-decrypted = Vos données personnelles étaient en cours de déchiffrement quand le verrouillage a été demandé, et elles ne sont plus chiffrées : il n’y avait rien à verrouiller. Pour les protéger à nouveau, activez le chiffrement dans les Réglages.
nothing-locked-not-encrypted = Vos données personnelles n’ont pas pu être chiffrées, et elles ne le sont pas : il n’y avait rien à verrouiller. Réessayez dans les Réglages.
nothing-locked-open = Ouvrir la bibliothèque
unlock-passphrase = Phrase secrète
unlock-submit = Déverrouiller
unlock-working = Ouverture…
unlock-wrong = Ce n’est pas la phrase secrète. Rien n’a été modifié ; réessayez.
unlock-wait = Des phrases secrètes erronées ont été saisies : la prochaine est vérifiée après { $seconds } { $seconds ->
    [one] seconde
   *[other] secondes
}.
wrong-passphrases = { $count ->
    [one] Depuis le dernier déverrouillage de vos données personnelles, une phrase secrète erronée a été saisie une fois, le { DATETIME($last, year: "numeric", month: "long", day: "numeric", hour: "numeric", minute: "numeric") }.
   *[other] Depuis le dernier déverrouillage de vos données personnelles, une phrase secrète erronée a été saisie { $count } fois, la dernière le { DATETIME($last, year: "numeric", month: "long", day: "numeric", hour: "numeric", minute: "numeric") }.
} Si ce n’était pas vous, quelqu’un a peut-être essayé de les ouvrir.
unlock-forgot = Phrase secrète oubliée ?
unlock-forgot-text = Personne ne peut la retrouver, et personne ne peut ouvrir vos notes, signets, collections et réglages sans elle. Vous pouvez recommencer sans eux : vos données personnelles sont effacées et la bibliothèque est de nouveau synchronisée depuis le réseau.
unlock-start-again = Effacer mes données personnelles et recommencer…
settings-encryption = Chiffrement
settings-encryption-off = Vos données personnelles (notes, signets, documents lus, collections, réglages, flux suivis) sont enregistrées sur cet ordinateur sans chiffrement : quiconque copie le dossier de l’application peut les lire.
settings-encryption-on = Vos données personnelles sont chiffrées. L’application demande la phrase secrète au démarrage et après « Verrouiller ».
settings-encryption-limits = Ne sont pas chiffrés, sauf si vous chiffrez aussi la bibliothèque : ses documents, leurs pièces jointes (PDF, présentations) et leurs images (n’importe qui peut les obtenir du réseau, mais ce que vous gardez dit quelque chose de vous) ; même alors, le nombre de pièces jointes reste visible, et leur taille approximative. Jamais chiffré : ce qui est à l’écran tant que l’application est déverrouillée. Chiffrer après avoir écrit des notes laisse leurs anciens octets dans l’espace libre du disque jusqu’à ce qu’ils soient écrasés : mieux vaut chiffrer dès le premier jour.
settings-encryption-forgotten = Si vous oubliez cette phrase secrète, personne ne pourra récupérer vos données personnelles : ni vous, ni le réseau, ni nous. Il n’y a pas de porte dérobée. La bibliothèque elle-même n’est pas perdue : elle peut être synchronisée à nouveau.
settings-passphrase-current = Phrase secrète actuelle
settings-passphrase-new = Nouvelle phrase secrète (8 caractères au moins)
settings-passphrase-again = La même phrase secrète, encore une fois
settings-passphrase-mismatch = Les deux phrases secrètes diffèrent.
settings-encrypt = Chiffrer mes données personnelles
settings-passphrase-change = Changer la phrase secrète
settings-decrypt = Retirer le chiffrement
settings-encryption-working = Réécriture de vos données personnelles…
settings-library-encryption-on = La bibliothèque (ses documents, leurs pièces jointes et images, les flux que vous suivez, l’index de recherche) est chiffrée elle aussi : elle ne s’ouvre qu’avec la phrase secrète. Si la phrase secrète est oubliée ou vos données personnelles effacées, elle est synchronisée à nouveau.
settings-library-encryption-off = La bibliothèque (ses documents, leurs pièces jointes et images, les flux que vous suivez, l’index de recherche) n’est pas chiffrée : quiconque copie le dossier de l’application peut voir ce qu’elle contient et quels flux vous suivez.
settings-library-encrypt = Chiffrer aussi la bibliothèque
settings-library-decrypt = Ne plus chiffrer la bibliothèque
settings-library-encrypted-done = La bibliothèque est chiffrée.
settings-library-decrypted-done = La bibliothèque n’est plus chiffrée.
settings-library-working = Réécriture de la bibliothèque…
settings-encrypted-done = Vos données personnelles sont chiffrées.
settings-passphrase-changed = La phrase secrète est changée. L’ancienne n’ouvre plus rien.
settings-decrypted-done = Vos données personnelles ne sont plus chiffrées.
settings-lock-idle = Verrouiller automatiquement après
settings-lock-idle-never = Jamais (seulement avec « Verrouiller »)
settings-lock-idle-minutes = { $minutes ->
    [one] { $minutes } minute sans utilisation
   *[other] { $minutes } minutes sans utilisation
}
erase-open = Effacer mes données…
erase-heading = Effacer mes données personnelles
erase-what = Vos notes, signets, marques de lecture, collections, réglages et les flux que vous suivez seront écrasés et supprimés de cet ordinateur. C’est irréversible.
erase-all = Effacer aussi toute la bibliothèque
erase-countdown = { $seconds ->
    [one] Effacement dans 1 seconde…
   *[other] Effacement dans { $seconds } secondes…
}
erase-cancel = Annuler
erase-erasing = Effacement…
erase-desktop-lock = Fermer l'ordinateur ou verrouiller l'écran l'annule.
erase-refused-locked = L'écran a été verrouillé pendant le compte à rebours : rien n'a été effacé.
settings-panic = Proposer « Effacer mes données personnelles » dans la fenêtre et la zone de notification
settings-panic-hint = Un bouton qui écrase et supprime vos données personnelles (et, si vous le choisissez, toute la bibliothèque) après un compte à rebours de cinq secondes que vous pouvez annuler. L’application redémarre alors comme neuve. Sur les SSD et les mémoires flash, des données effacées peuvent rester récupérables avec des outils spécialisés.
personal-file-kind = Données personnelles Peer Library
settings-personal = Emporter mes données
settings-personal-hint = Vos notes, signets, marques de lecture, collections et réglages dans un fichier scellé par une phrase secrète, à importer sur un autre ordinateur (rien n’y est perdu : une note différente sur le même document est gardée à côté). Personne ne peut lire le fichier sans la phrase secrète, et personne ne peut la retrouver pour vous : oubliée, le fichier est perdu. La bibliothèque elle-même n’y est pas : l’autre ordinateur la synchronise à nouveau.
settings-personal-passphrase = Phrase secrète (au moins 8 caractères)
settings-personal-again = La même phrase secrète, à nouveau (pour exporter)
settings-personal-export = Exporter mes données personnelles…
settings-personal-import = Importer des données personnelles…
settings-personal-sealing = Traitement avec la phrase secrète…
settings-personal-mismatch = Les deux phrases secrètes diffèrent. Rien n’a été écrit.
settings-personal-saved = Enregistré, scellé, dans { $path }.
settings-personal-imported = Arrivé : notes { $notes } ({ $merged } gardées à côté d’une de vos notes), signets { $bookmarks }, nouvelles collections { $collections }, documents ajoutés aux collections { $items }.
settings-autostart = Démarrer Peer Library en arrière-plan à l’ouverture de session
settings-data = Emplacement de la bibliothèque
settings-data-hint = Pour la garder ailleurs, lancez l’application avec --data-dir ou définissez PEERLIB_DATA_DIR.
settings-saved = Enregistré.
settings-language-heading = Langue
settings-language = Langue de l’interface
# Each language by its own name (the same in every locale), so a reader finds theirs.
language-name-en = English
language-name-fr = Français
language-name-es = Español
language-name-ru = Русский

## Mises à jour de l’application (#19)
settings-updates = Mises à jour
settings-version = Peer Library { $version }
settings-check-updates = Chercher une version plus récente lors de la synchronisation (au plus une fois par jour)
settings-updates-hint = Les nouvelles versions viennent du serveur de votre réseau, signées par les auteurs de Peer Library ; rien n’est installé sans votre accord. Pour mettre à jour un ordinateur sans internet, enregistrez une mise à jour sur une clé USB avec « peerlib update --save » sur un ordinateur connecté.
settings-update-check = Rechercher des mises à jour
settings-update-from-file = Installer une mise à jour depuis un fichier…
settings-update-checking = Recherche…
settings-update-installing = Installation… votre système peut demander un mot de passe administrateur.
settings-update-none = Peer Library { $version } est la version la plus récente.
update-ready = La version { $version } est prête à être installée.
update-released = Publiée le { $date }.
update-install = Installer et redémarrer
update-install-hint = Votre bibliothèque, vos notes et vos réglages restent tels quels.
update-open-installer = Ouvrir la nouvelle version
update-by-hand-hint = Elle s’ouvre dans le Finder : faites glisser l’application qui s’y trouve dans Applications, à la place de celle-ci, puis ouvrez-la. Votre bibliothèque, vos notes et vos réglages restent tels quels.
update-by-hand-opened = La nouvelle version est ouverte dans le Finder. Faites glisser l’application qui s’y trouve dans Applications, à la place de celle-ci ; puis quittez celle-ci et ouvrez la nouvelle.
update-see = Nouveautés
update-later = Plus tard
update-file-kind = Mise à jour de Peer Library

## Le réseau suivi, et les invitations (#19)
network-heading = Votre réseau
network-source-environment = Désigné par PEERLIB_NETWORK pour cette exécution.
network-source-joined = Rejoint depuis une invitation.
network-source-system = Défini pour tous les utilisateurs de cet ordinateur par son administrateur.
network-source-shipped = Intégré à cette copie de Peer Library.
network-leave = Quitter ce réseau
network-invitation-hint = Invité·e à la bibliothèque d’un autre réseau ? Ouvrez son fichier d’invitation, ou collez l’invitation ou son lien. Vous verrez ce qu’elle désigne avant que rien ne change.
network-paste = Invitation ou lien
network-check = Vérifier l’invitation
network-open-file = Ouvrir un fichier d’invitation…
network-invited = Invitation à rejoindre { $name }
network-keys = Clés de signature : { $keys }
network-join-warning = Ne rejoignez qu’un réseau que vous connaissez et en qui vous avez confiance : ses clés décident du contenu de votre bibliothèque. Les documents du réseau suivi actuellement quittent la bibliothèque ; vos notes restent.
network-join = Rejoindre { $name } et redémarrer
network-cancel = Annuler
network-confirm-title = Rejoindre { $name } ?
network-confirm-body = Peer Library suivra { $name } à l’adresse { $address }, et y cherchera aussi les nouvelles versions de Peer Library. Ses clés de signature ({ $keys }) décident du contenu de votre bibliothèque. Les documents du réseau suivi actuellement quittent la bibliothèque ; vos notes restent. Peer Library redémarre.
network-confirm-join = Rejoindre
network-leave-confirm-title = Quitter { $name } ?
network-leave-confirm-body = Les documents de { $name } quittent la bibliothèque ; vos notes restent. Peer Library suit ensuite le réseau défini pour cet ordinateur, ou le réseau intégré, et redémarre.
network-invalid-joined = Les réglages du réseau rejoint depuis une invitation (network.toml dans le dossier de données) ne sont pas valides ; Peer Library ne peut pas se synchroniser. Quittez-le pour suivre le réseau défini pour cet ordinateur ou le réseau intégré ; pour le suivre à nouveau, rejoignez-le depuis une nouvelle invitation.
network-invalid-system = Le réseau défini pour tous les utilisateurs de cet ordinateur n’est pas valide, ou n’a pas été défini par un administrateur ; Peer Library ne peut pas se synchroniser. Demandez à la personne qui s’occupe de cet ordinateur de le corriger.
network-invalid-environment = Le fichier désigné par PEERLIB_NETWORK n’est pas un réseau valide ; Peer Library ne peut pas se synchroniser.
network-invalid-shipped = Le réseau intégré à cette copie de Peer Library n’est pas valide ; elle ne peut pas se synchroniser. Réinstallez-la.
network-next = À son prochain démarrage, Peer Library suivra { $name } : le réseau a été changé en dehors de cette fenêtre.
network-restart = Redémarrer maintenant
network-leave-invalid-confirm-title = Quitter le réseau rejoint ?
network-leave-invalid-confirm-body = Ses réglages ne sont pas valides. Peer Library suit ensuite le réseau défini pour cet ordinateur, ou le réseau intégré, et redémarre ; vos notes restent.
network-offer = Vous suivez le réseau intégré. Invité·e à la bibliothèque d’un autre réseau ? Rejoignez-le avec son invitation.
network-offer-open = Rejoindre un réseau…
network-file-kind = Invitation Peer Library
