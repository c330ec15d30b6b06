# Peer Library — textos de la interfaz (español).

app-title = Peer Library

## Biblioteca

library-heading = Biblioteca
library-count = { $count ->
    [one] { $count } documento
   *[other] { $count } documentos
}
library-loading = Abriendo la biblioteca…
library-empty = La biblioteca está vacía. Se llenará en la próxima sincronización.
library-col-title = Título
library-col-kind = Tipo
library-col-date = Publicación
library-col-languages = Idiomas
library-date = { DATETIME($date, year: "numeric", month: "short", day: "numeric") }
library-undated = Sin fecha

## Tipos de documentos

kind-statement = Declaración
kind-report = Informe
kind-guide = Guía
kind-news = Noticia
kind-event = Evento
kind-video = Vídeo
kind-publication = Publicación

## Nombres de idiomas

language-name = { $code ->
    [en] inglés
    [fr] francés
    [es] español
    [ru] ruso
   *[other] { $code }
}

## Lectura

reader-back = Volver a la biblioteca
reader-published = Publicado el { DATETIME($date, year: "numeric", month: "long", day: "numeric") }
reader-publishers = De { $publishers }
reader-translations = También en
# The same, as a visible label before the list of languages.
reader-translations-label = También en:
reader-attachments = Archivos adjuntos
reader-attachment-size = { $kb ->
    [one] { $kb } KB
   *[other] { $kb } KB
}
reader-attachment-open = Abrir
reader-attachment-offline = Guardado en este equipo
reader-link = Ver o abrir: { $url }

reader-bookmark = Añadir a marcadores
reader-bookmarked = En marcadores
reader-note-label = Mi nota privada
reader-note-placeholder = Solo usted ve esta nota. Nunca sale de este equipo.
reader-note-saved = Guardada solo en este equipo

## Errores

error-not-found = Ese documento ya no está en la biblioteca.
error-database = No se pudo leer la biblioteca. Reinicie Peer Library; si sigue ocurriendo, sus notas están a salvo y la biblioteca se reconstruirá en la próxima sincronización.
error-newer-database = Esta biblioteca fue guardada por una versión más reciente de Peer Library. Actualice la aplicación para abrirla; no se ha cambiado nada.
error-invalid-argument = La aplicación recibió una solicitud que no entiende.
error-attachment-missing = Este archivo adjunto todavía no está en este equipo. Se descargará en la próxima sincronización.
error-internal = Algo salió mal dentro de Peer Library. Inténtelo de nuevo; no se ha cambiado nada en su biblioteca.
error-disk = El disco está lleno o no se puede escribir en él. Libere espacio e inténtelo de nuevo; su biblioteca no ha cambiado.
error-invalid-document = Un documento de la actualización no es válido y no se guardó. El resto de la biblioteca no ha cambiado.
error-no-data-dir = Este equipo no tiene una carpeta para datos de aplicaciones. Elija una con --data-dir o PEERLIB_DATA_DIR.

## Por qué no se pueden buscar las palabras de un adjunto

attachment-text-no-text-layer = Páginas escaneadas: las palabras de este archivo no se pueden buscar.
attachment-text-encrypted = Protegido con contraseña: las palabras de este archivo no se pueden buscar.
attachment-text-not-its-type = Este archivo no es del tipo que dice ser. Ábralo con precaución.
attachment-text-unreadable = Este archivo parece dañado: sus palabras no se pueden buscar.
error-signature = Esta actualización no superó la comprobación de firma, así que no se usó. Su biblioteca no ha cambiado. Si sigue ocurriendo, puede que la red a la que está conectado esté alterando las descargas: inténtelo más tarde en otra red.
error-tampered = Un archivo de esta actualización no coincide con lo que publicó la red, así que la actualización no se usó. Su biblioteca no ha cambiado. Inténtelo más tarde o en otra red.

## Búsqueda

search-label = Buscar en la biblioteca
search-placeholder = Buscar en títulos, textos y archivos adjuntos…
search-results = { $count ->
    [one] { $count } resultado
   *[other] { $count } resultados
}
search-results-more = Más de { $count } resultados: añada una palabra para acotarlos
search-none = Nada coincide con «{ $query }». Pruebe con menos palabras o más cortas; los acentos y las terminaciones no importan.
search-in-attachment = Encontrado en un archivo adjunto
