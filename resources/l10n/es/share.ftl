## Pasar la biblioteca (#20): un archivo guardado e importado desde la ventana

share-library = Compartir la biblioteca…
share-collection = Compartir esta colección…
share-document = Compartir este documento…
share-unverified = Los documentos de los sitios web que sigue no se pasan: nadie los firmó, así que el otro ordenador no podría comprobarlos.
share-import = Importar desde un archivo…
share-heading-library = Compartir la biblioteca
share-heading-part = Compartir «{ $name }»
share-counting = Contando lo que irá en el archivo…
share-size = { $documents ->
    [one] 1 documento
   *[other] { $documents } documentos
} y { $files ->
    [one] 1 adjunto
   *[other] { $files } adjuntos
}: { $size } MB.
share-what = El archivo contiene los archivos de la red tal como los firmó: quien lo reciba puede comprobar que nada se cambió. Sus notas, marcadores, marcas de lectura y colecciones no van en él, ni los documentos de los sitios web que sigue.
share-save = Guardar en un archivo…
share-saving = Guardando: { $done } de { $total } archivos…
share-saved = Guardado en { $path }. Llévelo en una memoria USB o envíelo; en el otro ordenador, elija «Importar desde un archivo».
share-close = Cerrar
share-file-kind = Archivo de Peer Library
import-heading = Importar desde un archivo
import-checking = Comprobando el archivo con las claves de la red…
import-from = { $feed }: de { $publisher }, firma comprobada. Nuevos: { $add }; actualizados: { $update }; retirados: { $remove }.
import-whole = Toda la biblioteca: los documentos que la red retiró se quitan, como en una sincronización.
import-part = Una parte de la biblioteca: no se quita nada, y nada se sustituye por una versión más antigua.
import-not-followed = Se dejó fuera, no es un canal que usted siga: { $url }
import-nothing = Su biblioteca ya contiene todo lo que hay en este archivo.
import-apply = Importar
import-cancel = Cancelar
import-applying = Importando…
import-done = { $added ->
    [one] Llegaron 1 documento nuevo
   *[other] Llegaron { $added } documentos nuevos
} y { $changed } actualizados.
import-files-missing = { $count ->
    [one] 1 adjunto no estaba en el archivo; se descargará en la próxima sincronización.
   *[other] { $count } adjuntos no estaban en el archivo; se descargarán en la próxima sincronización.
}
import-show-new = Ver lo que llegó
