# Mensajes de la orden `peerlib`.

cli-about = Leer, buscar y mantener al día la Peer Library desde la línea de órdenes.
cli-help-data-dir = Dónde se guarda la biblioteca (por defecto: la carpeta de datos de aplicaciones del sistema; también PEERLIB_DATA_DIR).
cli-help-lang = Idioma de los mensajes (en, fr, es, ru; por defecto: según LANG).
cli-help-json = Mostrar JSON legible por máquina.
cli-cmd-list = Listar los documentos de la biblioteca.
cli-cmd-show = Mostrar un documento.
cli-help-id = El identificador del documento.
cli-list-empty = La biblioteca está vacía.
cli-not-found = No hay ningún documento con el identificador «{ $id }».
cli-error = Error: { $message }
cli-field-kind = Tipo
cli-field-language = Idioma
cli-field-published = Publicación
cli-field-publishers = De
cli-field-tags = Etiquetas
cli-field-translations = Traducciones
cli-field-attachments = Archivos adjuntos
cli-cmd-search = Buscar en la biblioteca: títulos, textos, etiquetas, editores y el texto de los archivos adjuntos.
cli-help-query = Qué buscar. Las palabras entre comillas forman una frase.
cli-help-doc-lang = Solo documentos en este idioma (en, fr, es, ru…).
cli-help-kind = Solo documentos de este tipo.
cli-help-limit = Cuántos resultados mostrar como máximo.
cli-search-none = No hay resultados. Pruebe con menos palabras, palabras más cortas o sin filtros.
cli-search-count = { $count ->
    [one] { $count } resultado
   *[other] { $count } resultados
}
