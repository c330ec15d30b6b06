## Transmettre la bibliothèque (#20) : un fichier enregistré et importé depuis la fenêtre

share-library = Partager la bibliothèque…
share-collection = Partager cette collection…
share-document = Partager ce document…
share-unverified = Les documents des sites web que vous suivez ne sont pas transmis : personne ne les a signés, l’autre ordinateur ne pourrait donc pas les vérifier.
share-import = Importer depuis un fichier…
share-heading-library = Partager la bibliothèque
share-heading-part = Partager « { $name } »
share-counting = Calcul de ce que contiendra le fichier…
share-size = { $documents ->
    [one] 1 document
   *[other] { $documents } documents
} et { $files ->
    [one] 1 pièce jointe
   *[other] { $files } pièces jointes
} : { $size } Mo.
share-what = Le fichier contient les fichiers du réseau tels qu’il les a signés : qui le reçoit peut vérifier que rien n’a été modifié. Vos notes, signets, marques de lecture et collections n’y sont pas, ni les documents des sites web que vous suivez.
share-save = Enregistrer dans un fichier…
share-saving = Enregistrement : { $done } fichiers sur { $total }…
share-saved = Enregistré dans { $path }. Emportez-le sur une clé USB ou envoyez-le ; sur l’autre ordinateur, choisissez « Importer depuis un fichier ».
share-close = Fermer
share-file-kind = Fichier Peer Library
import-heading = Importer depuis un fichier
import-checking = Vérification du fichier avec les clés du réseau…
import-from = { $feed } : de { $publisher }, signature vérifiée. Nouveaux : { $add } ; mis à jour : { $update } ; retirés : { $remove }.
import-whole = Toute la bibliothèque : les documents que le réseau a retirés sont enlevés, comme lors d’une synchronisation.
import-part = Une partie de la bibliothèque : rien n’est enlevé, et rien n’est remplacé par une version plus ancienne.
import-not-followed = Laissé de côté, ce n’est pas un flux que vous suivez : { $url }
import-nothing = Votre bibliothèque contient déjà tout ce que contient ce fichier.
import-apply = Importer
import-cancel = Annuler
import-applying = Importation…
import-done = { $added ->
    [one] 1 nouveau document
   *[other] { $added } nouveaux documents
} et { $changed } mis à jour sont arrivés.
import-files-missing = { $count ->
    [one] 1 pièce jointe n’était pas dans le fichier ; elle sera téléchargée à la prochaine synchronisation.
   *[other] { $count } pièces jointes n’étaient pas dans le fichier ; elles seront téléchargées à la prochaine synchronisation.
}
import-files-over-budget = { $count ->
    [one] 1 pièce jointe a été laissée de côté : elle ferait dépasser à la bibliothèque l’espace pour les pièces jointes fixé dans les réglages.
   *[other] { $count } pièces jointes ont été laissées de côté : elles feraient dépasser à la bibliothèque l’espace pour les pièces jointes fixé dans les réglages.
}
import-show-new = Voir ce qui est arrivé

## Partager avec les ordinateurs proches (#20) : le réseau de la salle, sans internet

nearby-share-button = Partager avec les personnes à proximité…
nearby-get-button = Recevoir la bibliothèque d’un ordinateur proche…
nearby-share-heading = Partager avec les personnes à proximité
nearby-get-heading = Recevoir la bibliothèque d’un ordinateur proche
nearby-share-what = Les ordinateurs du même réseau (le Wi-Fi de la salle ou un câble) peuvent recevoir les documents du réseau depuis celui-ci, sans internet. Seuls les fichiers signés du réseau sont partagés, en lecture seule : jamais vos notes, signets, marques de lecture ni collections. Chaque ordinateur vérifie chaque fichier avec la signature du réseau.
nearby-share-minutes = Arrêter le partage après
nearby-minutes = { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}
nearby-share-announce = Permettre aux ordinateurs proches de trouver celui-ci (un nom neutre, « Library » suivi d’un nombre, est annoncé sur ce réseau)
nearby-discreet = Le mode discret est activé : cet ordinateur n’est pas annoncé sur le réseau. Donnez l’adresse et le code aux personnes avec qui vous partagez.
nearby-start = Commencer le partage
nearby-stop = Arrêter le partage
nearby-no-network = Cet ordinateur n’est connecté à aucun réseau. Rejoignez le Wi-Fi de la salle ou branchez un câble, puis partagez à nouveau.
nearby-type-this = Sur l’autre ordinateur, choisissez « Recevoir la bibliothèque d’un ordinateur proche » et saisissez cette adresse :
nearby-code = Code :
nearby-announced = Cet ordinateur apparaît sur le réseau sous le nom « { $name } ».
nearby-qr = Code QR de l’adresse et du code
nearby-sharing = Partage de { $documents ->
    [one] 1 document
   *[other] { $documents } documents
} et { $files ->
    [one] 1 pièce jointe
   *[other] { $files } pièces jointes
} jusqu’à { DATETIME($until, hour: "numeric", minute: "numeric") }, ou jusqu’à la fermeture de cette fenêtre.
nearby-ended = Le partage est terminé.
nearby-taken = { $laptops ->
    [0] Aucun ordinateur n’a encore rien reçu.
    [one] 1 ordinateur a reçu { $documents } documents et { $files } pièces jointes.
   *[other] { $laptops } ordinateurs ont reçu { $documents } documents et { $files } pièces jointes.
}
nearby-looking = Recherche des ordinateurs qui partagent sur ce réseau…
nearby-found = Partages sur ce réseau : choisissez celui dont l’adresse est affichée sur l’écran de l’ordinateur qui partage (n’importe qui peut annoncer un nom), puis saisissez le code de cet écran.
nearby-found-none = Aucun ordinateur de ce réseau n’annonce de partage. Saisissez l’adresse affichée sur son écran.
nearby-look-again = Chercher à nouveau
nearby-address = Adresse
nearby-get = Recevoir la bibliothèque
nearby-get-what = Chaque fichier est vérifié avec les clés du réseau que cet ordinateur possède déjà : un ordinateur proche ne peut ni modifier, ni ajouter, ni retirer un document. Aucune autre adresse n’est contactée.
nearby-wrong-code = Cet ordinateur ne partage pas sous ce code. Vérifiez le code affiché sur son écran (il change à chaque nouveau partage).
nearby-unreachable = Aucun ordinateur ne répond à cette adresse. Vérifiez l’adresse, que les deux ordinateurs sont sur le même réseau et que le partage est toujours actif ; un pare-feu peut le bloquer.
nearby-getting = Réception de la bibliothèque depuis l’ordinateur proche…
