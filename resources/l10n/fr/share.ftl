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
import-show-new = Voir ce qui est arrivé
