# Peer Library: vistas, filtros, colecciones, acciones del lector y avisos de recuperación (español).

## Barra lateral: las vistas de la biblioteca

views-label = Vistas
view-all = Todos los documentos
view-new = { $count ->
    [0] Novedades desde la última sincronización
   *[other] Novedades desde la última sincronización ({ $count })
}
view-new-heading = Novedades desde la última sincronización
view-new-empty = Nada nuevo por ahora: los documentos nuevos de la próxima sincronización aparecerán aquí.
view-bookmarked = Favoritos
view-bookmarked-empty = Aún no hay favoritos. Use «Añadir a favoritos» en un documento para tenerlo aquí.
view-unread = No leídos
view-unread-empty = Ha abierto todos los documentos de esta vista.
collections-heading = Colecciones
collections-none = Agrupe documentos para una reunión o una campaña, por ejemplo «Paquete HLM 2021».
collections-new-label = Nueva colección
collections-new-placeholder = Nombre
collections-create = Crear
skip-to-content = Ir al contenido

## La lista

library-unread = No leído
library-new-badge = Nuevo
library-attachments = { $count ->
    [one] { $offline ->
        [1] 1 adjunto, sin conexión
       *[other] 1 adjunto, sin descargar
    }
   *[other] { $count } adjuntos, { $offline } sin conexión
}
library-none-filtered = Ningún documento coincide con estos filtros. Quite un filtro para ver más.

## Filtros

filter-label = Filtros
filter-any = Todos
filter-kind = Tipo
filter-language = Idioma
filter-year = Año
filter-publisher = Editor
filter-tag = Tema
filter-sort = Orden
filter-clear = Quitar filtros
sort-relevance = Más pertinentes
sort-newest = Más recientes primero
sort-oldest = Más antiguos primero
sort-title = Título (A–Z)
search-none-clear-filters = Buscar sin los filtros

## Una colección

collection-rename = Cambiar nombre
collection-rename-save = Guardar
collection-rename-cancel = Cancelar
collection-delete = Eliminar colección
collection-delete-confirm = ¿Eliminar «{ $name }»? Los documentos siguen en la biblioteca.
collection-empty = Esta colección está vacía. Abra un documento y marque esta colección para añadirlo.
collection-move-up = Subir «{ $title }»
collection-move-down = Bajar «{ $title }»
collection-remove-item = Quitar
error-collection-name = Dé un nombre a la colección.

## Lector

reader-mark-read = Marcar como leído
reader-mark-unread = Marcar como no leído
reader-collections = En colecciones
reader-collections-none = Cree una colección en la barra lateral para agrupar documentos.
reader-attachment-save = Guardar una copia
reader-attachment-not-offline = Aún no está en este equipo: se descargará en la próxima sincronización.
reader-attachment-save-only = Este archivo no es un tipo de documento que sea seguro abrir desde aquí: solo puede guardar una copia.
reader-attachment-open-copy = Al abrirlo se crea una copia legible para el otro programa, que se borra al bloquear o salir.
reader-attachment-saved = Guardado en { $path }

## Estado de la sincronización

sync-never-empty = Aún sin sincronizar: sincronice para traer la biblioteca.
sync-next = Próxima sincronización a las { DATETIME($date, hour: "numeric", minute: "numeric") }.

## Ajustes: el orden de los idiomas de los documentos

settings-content-languages = Idiomas de los documentos
settings-content-languages-hint = Cuando un documento existe en varios idiomas, se muestra en el primero de estos que tenga.
settings-content-add = Añadir un idioma
settings-content-up = Subir { $language }
settings-content-down = Bajar { $language }
settings-content-remove = Quitar
language-name-pseudo = Pseudoidioma (desarrollo)

## Archivo dañado encontrado al iniciar. No se borra nada.

recovery-library = El archivo de la biblioteca estaba dañado. Se guardó aparte en { $path } y la biblioteca se reconstruyó; la próxima sincronización trae de vuelta todos los documentos.
recovery-user-restored = El archivo de sus notas y favoritos estaba dañado. Se guardó aparte en { $path } y sus datos se restauraron desde la última copia de seguridad.
recovery-user-lost = El archivo de sus notas y favoritos estaba dañado y no había copia de seguridad para restaurar. Se guardó aparte en { $path }.
recovery-dismiss = Cerrar

# Where a document came from (#17 item 8)
provenance-library = Biblioteca añadida
provenance-website = Sitio web no verificado
provenance-website-http = Sitio web no verificado, sin cifrar
reader-provenance-network = De { $source }: verificado con la firma de la red.
reader-provenance-library = De { $source }, una biblioteca que usted añadió: verificado con la clave que indicó.
reader-provenance-website = De { $source }, un sitio web no verificado: nada muestra quién lo escribió ni que no haya sido modificado.
reader-provenance-website-http = De { $source }, un sitio web no verificado obtenido sin cifrado: cualquiera en el camino pudo modificarlo.

# The proxy every sync goes through (#17 item 6)
settings-proxy = Proxy
settings-proxy-hint = Cada sincronización pasa por este proxy. Para Tor: socks5h://127.0.0.1:9050 (los nombres también se resuelven entonces a través de Tor). Vacío: la configuración de proxy del sistema, si la hay.
settings-proxy-invalid = No es una dirección de proxy que la aplicación pueda usar. Escríbala como socks5h://127.0.0.1:9050 o http://proxy.example:3128.
