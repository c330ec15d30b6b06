# Peer Library — textos de la interfaz (español).

app-title = Peer Library
discreet-title = Biblioteca
tray-open-discreet = Abrir
notify-new-items = Elementos nuevos
notify-background-discreet = Esta aplicación sigue funcionando en segundo plano. Para salir, use su icono en la bandeja del sistema.

## Biblioteca

library-heading = Biblioteca
library-count = { $count ->
    [one] { $count } documento
   *[other] { $count } documentos
}
library-loading = Abriendo la biblioteca…
library-empty = La biblioteca está vacía. Se llenará en la próxima sincronización.
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
reader-note-placeholder = Solo usted ve esta nota. Nunca sale de este ordenador.
reader-note-saved = Guardada solo en este equipo

## Errores

error-not-found = Ese documento ya no está en la biblioteca.
error-database = No se pudo leer la biblioteca. Reinicie Peer Library; si sigue ocurriendo, sus notas están a salvo y la biblioteca se reconstruirá en la próxima sincronización.
error-newer-database = Esta biblioteca fue guardada por una versión más reciente de Peer Library. Actualice la aplicación para abrirla; no se ha cambiado nada.
error-invalid-argument = La aplicación recibió una solicitud que no entiende.
error-attachment-missing = Este archivo adjunto todavía no está en este equipo. Se descargará en la próxima sincronización.
error-not-openable = Este archivo no es un tipo de documento que sea seguro abrir desde aquí. Puede guardar una copia.
error-internal = Algo salió mal dentro de Peer Library. Inténtelo de nuevo; no se ha cambiado nada en su biblioteca.
error-disk = El disco está lleno o no se puede escribir en él. Libere espacio e inténtelo de nuevo; su biblioteca no ha cambiado.
error-invalid-document = Un documento de la actualización no es válido y no se guardó. El resto de la biblioteca no ha cambiado.
error-no-data-dir = Este equipo no tiene una carpeta para datos de aplicaciones. Elija una con --data-dir o PEERLIB_DATA_DIR.

## Por qué no se pueden buscar las palabras de un adjunto

attachment-text-no-text-layer = Páginas escaneadas: las palabras de este archivo no se pueden buscar.
attachment-text-encrypted = Protegido con contraseña: las palabras de este archivo no se pueden buscar.
attachment-text-not-its-type = Este archivo no es del tipo que dice ser. Ábralo con precaución.
attachment-text-unreadable = Este archivo parece dañado: sus palabras no se pueden buscar.
attachment-text-too-large = Este archivo es demasiado grande para leerlo con seguridad: sus palabras no se pueden buscar.
attachment-text-too-slow = Leer este archivo tardó demasiado: sus palabras no se pueden buscar.
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

## Por qué una sincronización no terminó (por código). Una sincronización fallida nunca cambia la biblioteca.

error-offline = No hay conexión con el servidor del canal. Puede seguir leyendo todo lo que ya está en este ordenador; la biblioteca se pondrá al día cuando tenga conexión.
error-timeout = El servidor del canal tardó demasiado en responder. Su biblioteca no ha cambiado; se volverá a intentar más tarde.
error-rate-limited = El servidor del canal está ocupado y pidió volver más tarde. Peer Library esperará lo que pidió y volverá a intentarlo.
error-feed-gone = No se encontró el canal en su dirección. Puede que se haya trasladado: revise la dirección en Ajustes.
error-server = El servidor del canal tuvo un problema. Su biblioteca no ha cambiado; se volverá a intentar más tarde.
error-too-large = El servidor envió muchos más datos de los que debería tener un canal, así que no se usaron. Su biblioteca no ha cambiado.
error-sign-in = Esta red le pide que inicie sesión. Abra cualquier página web en su navegador para llegar a la página de acceso y sincronice de nuevo.
error-redirect = La dirección del canal llevaba a donde no debía (demasiadas redirecciones, o de una dirección segura a una no segura), así que no se siguió.
error-interrupted = La descarga se cortó. Su biblioteca no ha cambiado; lo descargado se retomará en la próxima sincronización.
error-cancelled = Se detuvo la sincronización. Su biblioteca no ha cambiado.
error-bad-url = Esa no es una dirección web válida para un canal. Debe empezar por https://.
error-rollback = El servidor ofreció una versión de la biblioteca más antigua que la suya, así que se rechazó. Si sigue ocurriendo, puede que la red a la que está conectado esté alterando las descargas.
error-publisher = Esta actualización la firmó alguien distinto del editor del canal, así que no se usó. Su biblioteca no ha cambiado.
error-mass-delete = Esta actualización eliminaría más de la mitad de los documentos de este canal, así que quedó en espera. Si la red realmente los retiró, confirme la actualización para aplicarla.
error-busy = Ya hay una sincronización en curso. Espere a que termine.
error-unreadable-feed = No se pudo leer este canal: está dañado o no es un canal. No se cambió nada.
error-waiting = El servidor pidió esperar antes de volver a sincronizar. Peer Library lo intentará más tarde.
error-not-subscribed = No sigue ese canal (el canal propio de la red no se puede quitar).
error-bundle-unreadable = Este archivo no es un paquete de Peer Library, o está dañado o incompleto (¿una copia interrumpida?). No se ha cambiado nada.
error-bundle-tampered = Este paquete contiene archivos que la red no publicó, archivos modificados después de firmarlos o nombres fuera de sus carpetas, así que no se usó. No se ha cambiado nada.
error-bundle-signature = Este paquete no está firmado por la red que sigue (o su firma está rota), así que no se usó. No se ha cambiado nada.
error-bundle-older = Este paquete contiene una versión de la biblioteca más antigua que la suya, así que no se usó. No se ha cambiado nada.
error-bundle-incomplete = A este paquete le faltan documentos que su biblioteca necesita: se hizo para la biblioteca de otro ordenador o está incompleto. Pida un paquete de toda la biblioteca. No se ha cambiado nada.
error-bundle-not-passable = Parte de esta biblioteca aún no se puede pasar: se guardó antes de que Peer Library conservara los archivos firmados de la red. Sincronice una vez con la red y vuelva a compartir.
error-bad-inventory = Ese archivo no es un inventario de Peer Library. Cree uno en el otro ordenador con «peerlib inventory ARCHIVO».
error-share-cannot-listen = Este ordenador no puede compartir en su red ahora: no pudo abrir un puerto. Inténtelo de nuevo en un momento, o pase la biblioteca en un archivo.
error-nearby-address = Escriba la dirección y el código tal como los muestra el ordenador que comparte, por ejemplo 192.168.1.5:8765 y ABCD-EFGH.
error-wrong-passphrase = Esta frase de contraseña no abre el archivo (o el archivo se cambió después de crearse). No se cambió nada.
error-not-personal-file = Este no es un archivo de datos personales exportado por Peer Library, o está dañado. No se cambió nada.
error-short-passphrase = Elija una frase de contraseña de al menos 8 caracteres: lo mejor son unas palabras que vaya a recordar.
error-update-signature = Esta actualización no está firmada con la clave de publicación de Peer Library. No se instaló; su versión no ha cambiado.
error-update-not-manifest = Esto no es una actualización de Peer Library (no se pudo leer su información). No se cambió nada.
error-update-not-newer = Esta actualización no es más reciente que su versión, así que no se instaló. No se cambió nada.
error-update-older-than-waiting = Ya espera para instalarse una versión más reciente, así que esta actualización más antigua no se guardó. No se cambió nada.
error-update-no-package = Esta actualización no tiene instalador para su sistema. No se cambió nada.
error-update-damaged = El instalador de la actualización está dañado o incompleto (no coincide con su firma). No se instaló; vuelva a descargarlo o copiarlo.
error-update-not-file = Este archivo no es una actualización de Peer Library. No se cambió nada.
error-update-not-installed = Esta copia de Peer Library no se instaló con un instalador, así que no puede actualizarse sola. Instale la nueva versión con un instalador.
error-update-installer = El instalador del sistema no terminó, así que la actualización no se instaló. Su versión y sus datos no han cambiado.
error-invitation = Esta invitación no es válida (debe indicar el nombre de la red, una dirección https segura y sus claves de firma). No se cambió nada.
error-locked = Sus datos personales (notas, marcadores, colecciones, ajustes) están cifrados. Escriba su frase de contraseña para abrirlos.
error-already-encrypted = Sus datos personales ya están cifrados. Para cambiar su frase de contraseña, use «Cambiar la frase de contraseña».
error-not-encrypted = Sus datos personales no están cifrados: no hay frase de contraseña que quitar o cambiar.
error-in-use = Peer Library está abierto en este portátil. Ciérrelo (también desde la bandeja del sistema) y vuelva a intentarlo. No se cambió nada.
error-bad-key = Esa no es una clave pública minisign. Copie la línea completa de la clave que le dio el editor.
error-network-config = La configuración de red de esta copia de Peer Library (network.toml) no es válida, así que no puede sincronizarse. En Ajustes, bajo «Su red», se indica cuál y qué hacer.

## La barra de sincronización bajo la barra superior

sync-now = Sincronizar ahora
sync-stop = Detener
sync-retry = Reintentar
sync-apply-anyway = Aplicar la actualización de todos modos
sync-show-all = Ver todo
sync-show-less = Ver menos
sync-running = Buscando actualizaciones…
sync-progress-documents = Descargando documentos: { $done } de { $total }
sync-progress-attachments = Descargando adjuntos: { $done } de { $total }
sync-progress-applying = Guardando { $total } documentos…
sync-last = Al día a las { DATETIME($date, month: "short", day: "numeric", hour: "numeric", minute: "numeric") }.
sync-never = Aún sin sincronizar: está leyendo la biblioteca que venía con la aplicación.
sync-stale-since = Sin actualizar desde el { DATETIME($date, month: "short", day: "numeric", hour: "numeric", minute: "numeric") }: la red no renovó su canal a tiempo; puede que algunos documentos estén desactualizados.
sync-last-update = La biblioteca se actualizó por última vez el { DATETIME($date, month: "short", day: "numeric", hour: "numeric", minute: "numeric") }.
sync-library-from-app = Está leyendo la biblioteca que venía con la aplicación.

## Icono de la bandeja y notificaciones (las muestra el sistema)

tray-open = Abrir Peer Library
tray-sync-now = Sincronizar ahora
tray-pause = Pausar la sincronización en segundo plano
tray-quit = Salir
tray-tooltip-idle = Peer Library: al día
tray-tooltip-syncing = Peer Library: sincronizando…
tray-tooltip-error = Peer Library: la última sincronización no terminó
notify-background = Peer Library mantiene su biblioteca al día en segundo plano. Para salir, use su icono en la bandeja del sistema.
notify-new-documents = { $count ->
    [one] { $count } documento nuevo en su biblioteca
   *[other] { $count } documentos nuevos en su biblioteca
}
notify-open-new = Ver las novedades

## Ajustes

settings-title = Ajustes
settings-feeds = Canales que sigue
settings-feed-verified = Firmado
settings-feed-unverified = Sin verificar
settings-feed-remove = Dejar de seguir
settings-feed-remove-label = Dejar de seguir { $title }
settings-feed-url = Dirección del canal (RSS, Atom o JSON Feed)
settings-feed-key = Clave pública del editor (solo para una biblioteca firmada)
settings-feed-add = Seguir
settings-feed-added = Canal añadido. Se descargará en la próxima sincronización.
settings-feed-already = Ya sigue este canal.
settings-feed-removed = { $count ->
    [one] Canal quitado, con su { $count } documento. Sus notas se conservan.
   *[other] Canal quitado, con sus { $count } documentos. Sus notas se conservan.
}
settings-sync = Sincronización
settings-interval = Buscar actualizaciones cada
settings-interval-minutes = { $minutes ->
    [60] hora
    [180] 3 horas
    [720] 12 horas
   *[other] { $minutes } minutos
}
settings-budget = Espacio para adjuntos (MB)
settings-budget-none = Sin límite
settings-background = En segundo plano
settings-notifications = Avisarme cuando lleguen documentos nuevos
settings-keep = Seguir sincronizando con la ventana cerrada
settings-discreet = Modo discreto
settings-discreet-hint = La ventana, la bandeja del sistema y las notificaciones muestran un nombre («Biblioteca») y un icono neutros, sin títulos ni cifras, y lo que comparta con personas cercanas nunca se anuncia en la red. No oculta que la aplicación está instalada: quien mire los programas o archivos del ordenador la encontrará. Tampoco cifra nada en el ordenador.
tray-erase = Borrar mis datos personales…
tray-lock = Bloquear ahora
# What the system shows for the app holding off sleep until it has locked (systemd-inhibit --list).
sleep-inhibit-why = Bloquea la biblioteca antes de que el ordenador entre en suspensión
lock-now = Bloquear
lock-now-hint = Bloquear ahora (Ctrl+L): la ventana solo muestra la petición de la frase de contraseña hasta que se vuelva a escribir.
unlock-heading = Bloqueado
unlock-text = Sus datos personales están cifrados. Escriba su frase de contraseña para abrir la biblioteca.
unlock-passphrase-changed = Su nueva frase de contraseña se guardó justo cuando la aplicación se bloqueó: ahora es la nueva la que abre sus datos.
nothing-locked-heading = Sin bloquear
nothing-locked-decrypted = Sus datos personales se estaban descifrando cuando se pidió el bloqueo, y ya no están cifrados: no había nada que bloquear. Para protegerlos de nuevo, active el cifrado en Ajustes.
nothing-locked-not-encrypted = Sus datos personales no se pudieron cifrar y ahora no están cifrados: no había nada que bloquear. Vuelva a intentarlo en Ajustes.
nothing-locked-open = Abrir la biblioteca
unlock-passphrase = Frase de contraseña
unlock-submit = Desbloquear
unlock-working = Abriendo…
unlock-wrong = Esa no es la frase de contraseña. No se cambió nada; inténtelo de nuevo.
unlock-wait = Se escribieron frases de contraseña incorrectas: la próxima se comprueba tras { $seconds } { $seconds ->
    [one] segundo
   *[other] segundos
}.
wrong-passphrases = { $count ->
    [one] Desde el último desbloqueo de sus datos personales, se escribió una vez una frase de contraseña incorrecta, el { DATETIME($last, year: "numeric", month: "long", day: "numeric", hour: "numeric", minute: "numeric") }.
   *[other] Desde el último desbloqueo de sus datos personales, se escribió { $count } veces una frase de contraseña incorrecta; la última, el { DATETIME($last, year: "numeric", month: "long", day: "numeric", hour: "numeric", minute: "numeric") }.
} Si no fue usted, puede que alguien haya intentado abrirlos.
unlock-forgot = ¿Olvidó la frase de contraseña?
unlock-forgot-text = Nadie puede recuperarla, y nadie puede abrir sus notas, marcadores, colecciones y ajustes sin ella. Puede empezar de nuevo sin ellos: sus datos personales se borran y la biblioteca se sincroniza otra vez desde la red.
unlock-start-again = Borrar mis datos personales y empezar de nuevo…
settings-encryption = Cifrado
settings-encryption-off = Sus datos personales (notas, marcadores, documentos leídos, colecciones, ajustes, fuentes seguidas) se guardan en este portátil sin cifrar: cualquiera que copie la carpeta de la aplicación puede leerlos.
settings-encryption-on = Sus datos personales están cifrados. La aplicación pide la frase de contraseña al iniciarse y después de «Bloquear».
settings-encryption-limits = No se cifran, salvo que cifre también la biblioteca: los documentos de la biblioteca, sus adjuntos (PDF, presentaciones) e imágenes (cualquiera puede obtenerlos de la red, pero lo que usted guarda dice algo de usted); aun así, se ve cuántos adjuntos hay y, aproximadamente, su tamaño. Nunca se cifra lo que está en pantalla mientras la aplicación está desbloqueada. Cifrar después de haber escrito notas deja sus bytes antiguos en el espacio libre del disco hasta que se sobrescriban: lo mejor es cifrar el primer día.
settings-encryption-forgotten = Si olvida esta frase de contraseña, nadie podrá recuperar sus datos personales: ni usted, ni la red, ni nosotros. No hay puerta trasera. La biblioteca en sí no se pierde: se puede sincronizar de nuevo.
settings-passphrase-current = Frase de contraseña actual
settings-passphrase-new = Nueva frase de contraseña (al menos 8 caracteres)
settings-passphrase-again = La misma frase de contraseña otra vez
settings-passphrase-mismatch = Las dos frases de contraseña no coinciden.
settings-encrypt = Cifrar mis datos personales
settings-passphrase-change = Cambiar la frase de contraseña
settings-decrypt = Quitar el cifrado
settings-encryption-working = Reescribiendo sus datos personales…
settings-library-encryption-on = La biblioteca (sus documentos con sus adjuntos e imágenes, las fuentes que sigue, el índice de búsqueda) también está cifrada: solo se abre con la frase de contraseña. Si la frase se olvida o se borran sus datos personales, se vuelve a sincronizar.
settings-library-encryption-off = La biblioteca (sus documentos con sus adjuntos e imágenes, las fuentes que sigue, el índice de búsqueda) no está cifrada: quien copie la carpeta de la aplicación puede ver lo que contiene y qué fuentes sigue usted.
settings-library-encrypt = Cifrar también la biblioteca
settings-library-decrypt = Dejar de cifrar la biblioteca
settings-library-encrypted-done = La biblioteca está cifrada.
settings-library-decrypted-done = La biblioteca ya no está cifrada.
settings-library-working = Reescribiendo la biblioteca…
settings-encrypted-done = Sus datos personales están cifrados.
settings-passphrase-changed = La frase de contraseña ha cambiado. La anterior ya no abre nada.
settings-decrypted-done = Sus datos personales ya no están cifrados.
settings-lock-idle = Bloquear automáticamente después de
settings-lock-idle-never = Nunca (solo con «Bloquear»)
settings-lock-idle-minutes = { $minutes ->
    [one] { $minutes } minuto sin uso
   *[other] { $minutes } minutos sin uso
}
erase-open = Borrar mis datos…
erase-heading = Borrar mis datos personales
erase-what = Sus notas, marcadores, marcas de lectura, colecciones, ajustes y los canales que sigue se sobrescribirán y se eliminarán de este ordenador. No se puede deshacer.
erase-all = Borrar también toda la biblioteca
erase-countdown = { $seconds ->
    [one] Borrando en 1 segundo…
   *[other] Borrando en { $seconds } segundos…
}
erase-cancel = Cancelar
erase-erasing = Borrando…
erase-desktop-lock = Cerrar el portátil o bloquear la pantalla lo cancela.
erase-refused-locked = La pantalla se bloqueó durante la cuenta atrás: no se borró nada.
settings-panic = Ofrecer «Borrar mis datos personales» en la ventana y en la bandeja del sistema
settings-panic-hint = Un botón que sobrescribe y elimina sus datos personales (y, si lo elige, toda la biblioteca) tras una cuenta atrás de cinco segundos que puede cancelar. La aplicación empieza entonces como nueva. En discos SSD y memorias flash, los datos borrados aún pueden recuperarse con herramientas especializadas.
personal-file-kind = Datos personales de Peer Library
settings-personal = Llevar mis datos
settings-personal-hint = Sus notas, marcadores, marcas de lectura, colecciones y ajustes en un archivo sellado con una frase de contraseña, para importarlo en otro ordenador (allí no se pierde nada: una nota distinta sobre el mismo documento se guarda a su lado). Nadie puede leer el archivo sin la frase, y nadie puede recuperarla por usted: si la olvida, el archivo se pierde. La biblioteca no va en él: el otro ordenador la sincroniza de nuevo.
settings-personal-passphrase = Frase de contraseña (al menos 8 caracteres)
settings-personal-again = La misma frase otra vez (para exportar)
settings-personal-export = Exportar mis datos personales…
settings-personal-import = Importar datos personales…
settings-personal-sealing = Trabajando con la frase de contraseña…
settings-personal-mismatch = Las dos frases no coinciden. No se escribió nada.
settings-personal-saved = Guardado, sellado, en { $path }.
settings-personal-imported = Llegaron: notas { $notes } ({ $merged } guardadas junto a una nota suya), marcadores { $bookmarks }, colecciones nuevas { $collections }, documentos añadidos a colecciones { $items }.
settings-autostart = Iniciar Peer Library en segundo plano al iniciar sesión
settings-data = Dónde se guarda la biblioteca
settings-data-hint = Para guardarla en otro lugar, inicie la aplicación con --data-dir o defina PEERLIB_DATA_DIR.
settings-saved = Guardado.
settings-language-heading = Idioma
settings-language = Idioma de la interfaz
# Each language by its own name (the same in every locale), so a reader finds theirs.
language-name-en = English
language-name-fr = Français
language-name-es = Español
language-name-ru = Русский

## Actualizaciones de la aplicación (#19)
settings-updates = Actualizaciones
settings-version = Peer Library { $version }
settings-check-updates = Buscar una versión más reciente al sincronizar (como mucho una vez al día)
settings-updates-hint = Las nuevas versiones llegan del servidor de su red, firmadas por los creadores de Peer Library; no se instala nada hasta que usted lo decida. Para actualizar un portátil sin internet, guarde una actualización en una memoria USB con «peerlib update --save» en un portátil que lo tenga.
settings-update-check = Buscar actualizaciones
settings-update-from-file = Instalar una actualización desde un archivo…
settings-update-checking = Buscando…
settings-update-installing = Instalando… su sistema puede pedir una contraseña de administrador.
settings-update-none = Peer Library { $version } es la versión más reciente.
update-ready = La versión { $version } está lista para instalarse.
update-released = Publicada el { $date }.
update-install = Instalar y reiniciar
update-install-hint = Su biblioteca, sus notas y sus ajustes se quedan como están.
update-open-installer = Abrir la nueva versión
update-by-hand-hint = Se abre en el Finder: arrastre la aplicación que aparece a Aplicaciones, en lugar de esta, y ábrala. Su biblioteca, sus notas y sus ajustes se quedan como están.
update-by-hand-opened = La nueva versión está abierta en el Finder. Arrastre la aplicación que aparece a Aplicaciones, en lugar de esta; luego cierre esta y abra la nueva.
update-see = Novedades
update-later = Más tarde
update-file-kind = Actualización de Peer Library

## La red seguida, y las invitaciones (#19)
network-heading = Su red
network-source-environment = Indicada por PEERLIB_NETWORK para esta ejecución.
network-source-joined = Unida desde una invitación.
network-source-system = Definida para todos los usuarios de este ordenador por su administrador.
network-source-shipped = Integrada en esta copia de Peer Library.
network-leave = Dejar esta red
network-invitation-hint = ¿Le invitaron a la biblioteca de otra red? Abra su archivo de invitación, o pegue la invitación o su enlace. Verá lo que indica antes de que nada cambie.
network-paste = Invitación o enlace
network-check = Comprobar la invitación
network-open-file = Abrir un archivo de invitación…
network-invited = Invitación a unirse a { $name }
network-keys = Claves de firma: { $keys }
network-join-warning = Únase solo a una red que conozca y en la que confíe: sus claves deciden lo que contiene su biblioteca. Los documentos de la red que sigue ahora salen de la biblioteca; sus notas se quedan.
network-join = Unirse a { $name } y reiniciar
network-cancel = Cancelar
network-confirm-title = ¿Unirse a { $name }?
network-confirm-body = Peer Library seguirá a { $name } en { $address } y buscará allí también las nuevas versiones de Peer Library. Las claves de firma de esa red ({ $keys }) deciden lo que contiene su biblioteca. Los documentos de la red que sigue ahora salen de la biblioteca; sus notas se quedan. Peer Library se reinicia.
network-confirm-join = Unirse
network-leave-confirm-title = ¿Salir de { $name }?
network-leave-confirm-body = Los documentos de { $name } salen de la biblioteca; sus notas se quedan. Peer Library sigue entonces la red definida para este ordenador, o la integrada, y se reinicia.
network-invalid-joined = La configuración de la red a la que se unió por invitación (network.toml en la carpeta de datos) no es válida, así que Peer Library no puede sincronizarse. Déjela para seguir la red definida para este ordenador o la integrada; para seguirla de nuevo, únase desde una nueva invitación.
network-invalid-system = La red definida para todos los usuarios de este ordenador no es válida, o no la definió un administrador, así que Peer Library no puede sincronizarse. Pida a quien se ocupa de este ordenador que la corrija.
network-invalid-environment = El archivo que indica PEERLIB_NETWORK no es una red válida, así que Peer Library no puede sincronizarse.
network-invalid-shipped = La red integrada en esta copia de Peer Library no es válida, así que no puede sincronizarse. Reinstálela.
network-next = Desde su próximo inicio, Peer Library seguirá a { $name }: la red se cambió fuera de esta ventana.
network-restart = Reiniciar ahora
network-leave-invalid-confirm-title = ¿Dejar la red a la que se unió?
network-leave-invalid-confirm-body = Su configuración no es válida. Peer Library sigue entonces la red definida para este ordenador, o la integrada, y se reinicia; sus notas se quedan.
network-offer = Sigue la red integrada. ¿Le invitaron a la biblioteca de otra red? Únase con su invitación.
network-offer-open = Unirse a una red…
network-file-kind = Invitación de Peer Library
