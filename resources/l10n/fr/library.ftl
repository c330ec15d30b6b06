# Peer Library : vues, filtres, collections, actions du lecteur et avis de récupération (français).

## Barre latérale : les vues de la bibliothèque

views-label = Vues
view-all = Tous les documents
view-new = { $count ->
    [0] Nouveautés depuis la dernière synchronisation
   *[other] Nouveautés depuis la dernière synchronisation ({ $count })
}
view-new-heading = Nouveautés depuis la dernière synchronisation
view-new-empty = Rien de nouveau pour l’instant : les nouveaux documents de la prochaine synchronisation apparaîtront ici.
view-bookmarked = Favoris
view-bookmarked-empty = Aucun favori pour l’instant. Utilisez « Ajouter aux favoris » dans un document pour le retrouver ici.
view-unread = Non lus
view-unread-empty = Vous avez ouvert tous les documents de cette vue.
collections-heading = Collections
collections-none = Regroupez des documents pour une réunion ou une campagne, par exemple « Dossier HLM 2021 ».
collections-new-label = Nouvelle collection
collections-new-placeholder = Nom
collections-create = Créer
skip-to-content = Aller au contenu

## La liste

library-unread = Non lu
library-new-badge = Nouveau
library-attachments = { $count ->
    [one] { $offline ->
        [1] 1 pièce jointe, hors ligne
       *[other] 1 pièce jointe, non téléchargée
    }
   *[other] { $count } pièces jointes, { $offline } hors ligne
}
library-none-filtered = Aucun document ne correspond à ces filtres. Retirez un filtre pour en voir davantage.

## Filtres

filter-label = Filtres
filter-any = Tous
filter-kind = Type
filter-language = Langue
filter-year = Année
filter-publisher = Éditeur
filter-tag = Thème
filter-sort = Ordre
filter-clear = Effacer les filtres
sort-relevance = Pertinence
sort-newest = Plus récents d’abord
sort-oldest = Plus anciens d’abord
sort-title = Titre (A–Z)
search-none-clear-filters = Chercher sans les filtres

## Une collection

collection-rename = Renommer
collection-rename-save = Enregistrer
collection-rename-cancel = Annuler
collection-delete = Supprimer la collection
collection-delete-confirm = Supprimer « { $name } » ? Les documents restent dans la bibliothèque.
collection-empty = Cette collection est vide. Ouvrez un document et cochez cette collection pour l’y ajouter.
collection-move-up = Monter « { $title } »
collection-move-down = Descendre « { $title } »
collection-remove-item = Retirer
error-collection-name = Donnez un nom à la collection.

## Lecteur

reader-mark-read = Marquer comme lu
reader-mark-unread = Marquer comme non lu
reader-collections = Dans les collections
reader-collections-none = Créez une collection dans la barre latérale pour regrouper des documents.
reader-attachment-save = Enregistrer une copie
reader-attachment-not-offline = Pas encore sur cet ordinateur : il sera téléchargé à la prochaine synchronisation.
reader-attachment-save-only = Ce fichier n'est pas un type de document qu'il est sûr d'ouvrir d'ici : vous pouvez seulement en enregistrer une copie.
reader-attachment-open-copy = L'ouvrir crée une copie lisible pour l'autre programme, supprimée quand vous verrouillez ou quittez.
reader-attachment-saved = Enregistré dans { $path }

## État de la synchronisation

sync-never-empty = Pas encore synchronisée : synchronisez pour obtenir la bibliothèque.
sync-next = Prochaine synchronisation à { DATETIME($date, hour: "numeric", minute: "numeric") }.

## Paramètres : l’ordre des langues des documents

settings-content-languages = Langues des documents
settings-content-languages-hint = Quand un document existe en plusieurs langues, il s’affiche dans la première de ces langues qu’il propose.
settings-content-add = Ajouter une langue
settings-content-up = Monter { $language }
settings-content-down = Descendre { $language }
settings-content-remove = Retirer
language-name-pseudo = Pseudo-langue (développement)

## Fichier endommagé trouvé au démarrage. Rien n’est supprimé.

recovery-library = Le fichier de la bibliothèque était endommagé. Il a été mis de côté dans { $path } et la bibliothèque a été reconstruite ; la prochaine synchronisation rapporte tous les documents.
recovery-user-restored = Le fichier de vos notes et favoris était endommagé. Il a été mis de côté dans { $path } et vos données ont été restaurées depuis la dernière sauvegarde.
recovery-user-lost = Le fichier de vos notes et favoris était endommagé et aucune sauvegarde n’était disponible. Il a été mis de côté dans { $path }.
recovery-dismiss = Fermer

# Where a document came from (#17 item 8)
provenance-library = Bibliothèque ajoutée
provenance-website = Site web non vérifié
provenance-website-http = Site web non vérifié, non chiffré
reader-provenance-network = De { $source } : vérifié par la signature du réseau.
reader-provenance-library = De { $source }, une bibliothèque que vous avez ajoutée : vérifié avec la clé que vous avez donnée.
reader-provenance-website = De { $source }, un site web non vérifié : rien ne montre qui l’a écrit ni qu’il n’a pas été modifié.
reader-provenance-website-http = De { $source }, un site web non vérifié obtenu sans chiffrement : n’importe qui sur le trajet a pu le modifier.

# The proxy every sync goes through (#17 item 6)
settings-proxy = Proxy
settings-proxy-hint = Chaque synchronisation passe par ce proxy. Pour Tor : socks5h://127.0.0.1:9050 (les noms sont alors aussi résolus par Tor). Vide : les réglages de proxy du système, s’il y en a.
settings-proxy-invalid = Ce n’est pas une adresse de proxy que l’application peut utiliser. Écrivez-la comme socks5h://127.0.0.1:9050 ou http://proxy.example:3128.
