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
import-files-over-budget = { $count ->
    [one] 1 adjunto se dejó fuera: haría que la biblioteca superara el espacio para adjuntos fijado en los ajustes.
   *[other] { $count } adjuntos se dejaron fuera: harían que la biblioteca superara el espacio para adjuntos fijado en los ajustes.
}
import-show-new = Ver lo que llegó

## Compartir con ordenadores cercanos (#20): la red de la sala, sin internet

nearby-share-button = Compartir con personas cercanas…
nearby-get-button = Recibir la biblioteca de un ordenador cercano…
nearby-share-heading = Compartir con personas cercanas
nearby-get-heading = Recibir la biblioteca de un ordenador cercano
nearby-share-what = Los ordenadores de la misma red (el Wi-Fi de la sala o un cable) pueden recibir los documentos de la red desde este, sin internet. Solo se comparten los archivos firmados de la red, en solo lectura: nunca sus notas, marcadores, marcas de lectura ni colecciones. Cada ordenador comprueba cada archivo con la firma de la red.
nearby-share-minutes = Dejar de compartir tras
nearby-minutes = { $minutes ->
    [one] 1 minuto
   *[other] { $minutes } minutos
}
nearby-share-announce = Permitir que los ordenadores cercanos encuentren este (se anuncia en esta red un nombre neutro, «Library» y un número)
nearby-discreet = El modo discreto está activado: este ordenador no se anuncia en la red. Dé la dirección y el código a las personas con quienes comparte.
nearby-start = Empezar a compartir
nearby-stop = Dejar de compartir
nearby-no-network = Este ordenador no está en ninguna red. Conéctese al Wi-Fi de la sala o enchufe un cable y vuelva a compartir.
nearby-type-this = En el otro ordenador, elija «Recibir la biblioteca de un ordenador cercano» y escriba esta dirección:
nearby-code = Código:
nearby-announced = Este ordenador aparece en la red como «{ $name }».
nearby-qr = Código QR de la dirección y el código
nearby-sharing = Compartiendo { $documents ->
    [one] 1 documento
   *[other] { $documents } documentos
} y { $files ->
    [one] 1 adjunto
   *[other] { $files } adjuntos
} hasta las { DATETIME($until, hour: "numeric", minute: "numeric") }, o hasta que cierre esta ventana.
nearby-ended = Se dejó de compartir.
nearby-taken = { $laptops ->
    [0] Ningún ordenador ha recibido nada todavía.
    [one] 1 ordenador recibió { $documents } documentos y { $files } adjuntos.
   *[other] { $laptops } ordenadores recibieron { $documents } documentos y { $files } adjuntos.
}
nearby-looking = Buscando ordenadores que comparten en esta red…
nearby-found = Compartido en esta red: elija el que tenga la dirección que muestra la pantalla del ordenador que comparte (cualquiera puede anunciar un nombre) y escriba el código de esa pantalla.
nearby-found-none = Ningún ordenador de esta red anuncia que comparte. Escriba la dirección que muestra su pantalla.
nearby-look-again = Buscar de nuevo
nearby-address = Dirección
nearby-get = Recibir la biblioteca
nearby-get-what = Cada archivo se comprueba con las claves de la red que este ordenador ya tiene: un ordenador cercano no puede cambiar, añadir ni retirar un documento. No se consulta ninguna otra dirección.
nearby-wrong-code = Ese ordenador no comparte con este código. Compruebe el código de su pantalla (cambia cada vez que se empieza a compartir).
nearby-unreachable = Ningún ordenador responde en esta dirección. Compruebe la dirección, que ambos ordenadores están en la misma red y que se sigue compartiendo; un cortafuegos puede bloquearlo.
nearby-getting = Recibiendo la biblioteca del ordenador cercano…
