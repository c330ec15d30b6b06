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
