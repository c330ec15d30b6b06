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

## Publicación (peerlib keygen, peerlib publish)

cli-cmd-keygen = Crear un par de claves para firmar el canal de la red (formato minisign).
cli-cmd-publish = Construir el canal firmado a partir de una carpeta de archivos Markdown, listo para alojamiento estático.
cli-help-secret-key = El archivo de la clave secreta (manténgalo en privado).
cli-help-public-key = El archivo de la clave pública (para cada equipo, en resources/network.toml).
cli-help-force = Reemplazar archivos de claves que ya existen.
cli-help-src = La carpeta de fuentes Markdown y sus archivos adjuntos.
cli-help-out = La carpeta donde escribir el canal; se reemplaza en un solo paso.
cli-help-expires-in = Después de cuántos días los equipos consideran el canal desactualizado.
cli-help-publisher = El nombre del editor que muestra el canal.
cli-keygen-done = Par de claves escrito. Identificador de clave: { $id }. Mantenga la clave secreta en privado y haga una copia; ponga la clave pública en resources/network.toml.
cli-keygen-exists = { $path } ya existe. Use --force para reemplazarlo (los equipos que confían en la clave anterior rechazarán la nueva).
cli-cmd-rotate-key = Firmar una declaración (OUT/keys.json) que hace pasar los equipos de la clave actual a la siguiente, y puede revocar claves para siempre.
cli-help-next-public-key = La clave pública en la que los equipos confiarán desde su próxima sincronización (un archivo .pub de keygen).
cli-help-revoke = Un identificador de clave en el que los equipos no volverán a confiar (repítalo para dar varios).
cli-rotate-key-done = keys.json escrito (declaración { $seq }): desde su próxima sincronización, los equipos solo confían en la clave { $id }. Publique con su clave secreta a partir de ahora.
cli-publish-done = Publicado, secuencia { $seq }: { $documents } documentos ({ $changed } cambiados), { $attachments } archivos adjuntos.
cli-publish-invalid = { $count ->
    [one] No se publicó nada: corrija el problema indicado arriba y vuelva a ejecutar la orden.
   *[other] No se publicó nada: corrija los { $count } problemas indicados arriba y vuelva a ejecutar la orden.
}
cli-publish-no-key = No se puede leer la clave secreta { $path }.
cli-publish-no-src = La carpeta de fuentes { $path } no existe.
cli-publish-bad-key = El archivo no es una clave secreta minisign utilizable (no se admiten claves con contraseña; cree una con peerlib keygen).
cli-publish-bad-feed = { $path } no es un canal escrito por esta orden. Muévalo o elija otra carpeta de salida.
cli-publish-outside-source = { $path } lleva fuera de la carpeta de origen (un enlace a un archivo o carpeta de otro lugar). La publicación solo lee lo que está dentro de la carpeta de origen: copie el archivo dentro o elimine el enlace.
cli-problem = { $file }:{ $line }: { $message }
problem-no-front-matter = el archivo debe empezar con un encabezado entre líneas +++.
problem-syntax = el encabezado no es TOML válido ({ $detail }).
problem-missing-title = falta el título (title).
problem-missing-kind = falta el tipo (kind).
problem-unknown-kind = «{ $kind }» no es un tipo; use uno de: { $kinds }.
problem-missing-language = falta el idioma (language).
problem-invalid-language = «{ $tag }» no es una etiqueta de idioma válida (BCP 47, por ejemplo en, fr, es-419, ru).
problem-insecure-url = el enlace «{ $url }» debe empezar con https://.
problem-missing-attachment = el archivo adjunto «{ $path }» no existe.
problem-attachment-outside = la ruta del archivo adjunto «{ $path }» sale de la carpeta de fuentes.
problem-attachment-not-its-type = el archivo adjunto «{ $path }» no es del tipo que indica su nombre: su contenido es { $real }. Cámbiele el nombre o reemplácelo.
problem-attachment-unknown-type = el archivo adjunto «{ $path }» no es del tipo que indica su nombre: su contenido no es de ningún tipo conocido. Cámbiele el nombre o reemplácelo.
problem-attachment-password = el archivo adjunto «{ $path }» pide una contraseña para abrirse: los lectores no podrían ni buscar en él ni abrirlo desde la biblioteca. Guárdelo sin contraseña.
problem-duplicate-id = el identificador «{ $id }» ya lo usa { $first }.
cli-cmd-serve = Servir un canal publicado por HTTP (para desarrollo o una oficina pequeña).
cli-help-serve-dir = La carpeta que escribió peerlib publish.
cli-help-addr = La dirección y el puerto de escucha.
cli-serve-listening = Sirviendo el canal en { $url } (pulse Ctrl+C para detener).
cli-serve-cannot-listen = No se puede escuchar en { $addr }: puede que el puerto esté en uso. Elija otro con --addr.

## Sincronización y canales (peerlib sync, peerlib status, peerlib feeds)

cli-cmd-sync = Poner la biblioteca al día desde el canal de la red y todos los canales que sigue.
cli-help-allow-mass-delete = Aplicar una actualización aunque elimine más de la mitad de los documentos de un canal.
cli-cmd-status = Mostrar la última sincronización, qué falló si no terminó y los canales que sigue.
cli-cmd-feeds = Seguir, listar o dejar de seguir canales.
cli-cmd-feeds-add = Seguir un canal: RSS, Atom o JSON Feed de un sitio, u otra biblioteca firmada con --public-key.
cli-cmd-feeds-list = Listar los canales que sigue.
cli-cmd-feeds-remove = Dejar de seguir un canal y quitar sus documentos (sus notas y marcadores se conservan).
cli-help-feed-url = La dirección web del canal.
cli-help-feed-key = La clave pública minisign del editor: así se verifican sus documentos.
cli-network-invalid = No se pudo leer la configuración de la red: { $detail }
cli-sync-updated = { $title }: { $added ->
    [one] { $added } nuevo
   *[other] { $added } nuevos
}, { $changed ->
    [one] { $changed } modificado
   *[other] { $changed } modificados
}, { $removed ->
    [one] { $removed } eliminado
   *[other] { $removed } eliminados
}.
cli-sync-up-to-date = { $title }: al día.
cli-sync-waiting = { $title }: el servidor pidió esperar; el próximo intento será después de { $time }.
cli-sync-failed = { $title }: { $message }
cli-sync-stale = La red no renovó su canal a tiempo: puede que falten documentos en esta actualización.
cli-sync-files-missing = { $count ->
    [one] { $count } adjunto no se pudo descargar esta vez; se intentará en la próxima sincronización.
   *[other] { $count } adjuntos no se pudieron descargar esta vez; se intentarán en la próxima sincronización.
}
cli-status-never = La biblioteca nunca se ha sincronizado correctamente.
cli-status-last-success = Última sincronización correcta: { $time }.
cli-status-stale = { $title } no se ha actualizado desde el { $time }: su canal caducó el { $expired }; puede que haya documentos desactualizados.
cli-status-last-attempt = La última sincronización, a las { $time }, no terminó:
# Stands for a feed's title in the lines below cli-status-last-attempt when the feed is no longer followed.
cli-status-feed-gone = un canal que ya no sigue
cli-feeds-line-signed = { $title } — { $url } (firmado; { $count ->
    [one] { $count } documento
   *[other] { $count } documentos
})
cli-feeds-line-unverified = { $title } — { $url } (sin verificar; { $count ->
    [one] { $count } documento
   *[other] { $count } documentos
})
cli-feeds-added = Ahora sigue { $url }. Ejecute peerlib sync para descargarlo.
cli-feeds-already = Ya sigue { $url }.
cli-feeds-removed = Ya no sigue { $url }; { $count ->
    [one] se quitó { $count } documento.
   *[other] se quitaron { $count } documentos.
}
cli-help-attachment-budget = Máximo de megabytes de adjuntos que guardar en este ordenador (por defecto: sin límite).
cli-help-proxy = Pasar por este proxy en esta sincronización (socks5h://127.0.0.1:9050 para Tor; por defecto: el de los ajustes, si no HTTP_PROXY y similares).

# Bundles (#20)
cli-cmd-export = Guardar los documentos de la red (toda la biblioteca, una colección o documentos) en un archivo paquete para llevarlo a otro ordenador.
cli-cmd-import = Comprobar un archivo paquete con las claves de la red y añadir su contenido a la biblioteca.
cli-cmd-inventory = Escribir en un archivo lo que contiene esta biblioteca, para que un paquete hecho para ella lleve solo lo que falta.
cli-help-bundle-file = El archivo paquete.
cli-help-inventory-file = El archivo de inventario que se escribirá.
cli-help-export-collection = Solo los documentos de esta colección (por su nombre), con sus traducciones.
cli-help-export-document = Solo este documento (por su identificador), con sus traducciones; se puede repetir.
cli-help-export-for = Dejar fuera lo que ya contiene la biblioteca descrita por este archivo de inventario.
cli-inventory-written = Inventario de { $documents } documentos escrito en { $file }.
cli-export-planned = El paquete contendrá { $documents } documentos y { $files } adjuntos, { $size } MB.
cli-export-written = Se escribió { $file }.
cli-export-no-collection = No hay ninguna colección llamada «{ $name }».
cli-import-not-followed = { $url }: no es un canal que usted siga; se dejó fuera.
cli-cmd-share = Compartir la copia de los documentos de la red de este ordenador, solo lectura, con los ordenadores de la misma red local (ejecutan «peerlib sync --from»).
cli-help-share-addr = La dirección y el puerto de escucha (todas las interfaces por defecto).
cli-help-share-minutes = Dejar de compartir tras estos minutos (60 si no se indica), o con Ctrl-C.
cli-help-sync-from = Sincronizar los documentos de la red desde un ordenador cercano en esta dirección («peerlib share»), comprobados con las claves de la red; no se pide nada más a ninguna otra dirección.
cli-sync-from-room-only = --from solo acepta un ordenador cercano: la dirección que muestran «peerlib share» o la ventana, en la red de la sala (por ejemplo http://192.168.1.20:8765/ABCD2345/), nunca un nombre ni una dirección en internet, a la que se preguntaría directamente, sin pasar por ningún proxy.
cli-share-listening = Compartiendo { $documents } documentos y { $files } adjuntos en { $url } (solo lectura, código { $code }). En el otro ordenador: peerlib sync --from { $url }
cli-share-also = También en { $url }
cli-share-announced = Anunciado en esta red como «{ $name }» (peerlib nearby lo encuentra; el código sigue siendo necesario).
cli-share-discreet = No anunciado en esta red: el modo discreto está activado. Dé la dirección y el código a quien los pida.
cli-help-share-no-announce = No anunciar lo compartido en la red local (habrá que dar la dirección a los demás).
cli-cmd-nearby = Listar los ordenadores que comparten una biblioteca en esta red local.
cli-help-nearby-seconds = Cuántos segundos escuchar (3 si no se indica).
cli-nearby-none = Ningún ordenador de esta red anuncia una biblioteca compartida. Pida su dirección y su código.
cli-nearby-discreet = El modo discreto está activado: este ordenador no escucha las bibliotecas compartidas que se anuncian cerca. Pida la dirección y el código del ordenador que comparte, y páselos a peerlib sync --from.
cli-nearby-found = { $name }: { $address } (pida su código)
cli-share-ended = Se dejó de compartir. { $laptops ->
    [one] 1 ordenador tomó
   *[other] { $laptops } ordenadores tomaron
} la biblioteca: { $documents } documentos y { $files } adjuntos enviados.

## Personal data taken to another laptop (#18)

cli-cmd-personal = Llevar sus datos personales a otro ordenador: notas, marcadores, marcas de lectura, colecciones y ajustes, en un archivo sellado con una frase de contraseña.
cli-cmd-personal-export = Escribir sus datos personales en ARCHIVO, sellados con una frase de contraseña que usted elija.
cli-cmd-personal-import = Añadir los datos personales de ARCHIVO a los de este ordenador (no se pierde nada: una nota distinta sobre el mismo documento se guarda a su lado).
cli-help-personal-file = El archivo de datos personales.
cli-passphrase = Frase de contraseña:
cli-passphrase-again = La misma frase de contraseña otra vez:
cli-passphrase-mismatch = Las dos frases de contraseña no coinciden. No se escribió nada.
cli-passphrase-unreadable = No se dio ninguna frase de contraseña (escríbala cuando se le pida o dela en una línea de la entrada estándar).
cli-personal-written = Sus datos personales están sellados en { $file }. Sin la frase de contraseña nadie puede leerlos, y nadie puede recuperarla por usted.
cli-personal-imported = Llegaron: notas { $notes } ({ $merged } guardadas junto a una nota suya), marcadores { $bookmarks }, colecciones nuevas { $collections }, documentos añadidos a colecciones { $items }.

## Panic erase (#18)

cli-cmd-erase = Borrar sus datos personales (--personal) o todo lo que Peer Library guarda en este ordenador (--all), sobrescrito y eliminado. Cierre antes la aplicación.
cli-help-erase-personal = Notas, marcadores, marcas de lectura, colecciones, ajustes, los canales que sigue y el registro de sincronización.
cli-help-erase-all = Todo lo que hay en la carpeta de datos, también la biblioteca.
cli-erased = Borrado: { $files } archivos. Peer Library empezará como nuevo.

## peerlib update y peerlib release (actualizaciones firmadas de la aplicación, docs/releasing.md)
cli-cmd-update = Buscar una versión más reciente de Peer Library e instalarla, desde el servidor de la red o desde un archivo de actualización (una memoria USB).
cli-help-update-check = Solo decir si existe una versión más reciente.
cli-help-update-save = Descargar la actualización y guardarla en este archivo, para instalarla en portátiles sin internet.
cli-help-update-system = Con --save: el sistema al que va destinada la actualización (linux-x86_64-deb, windows-x86_64-nsis…), si no es el de este portátil.
cli-help-update-from = Instalar la actualización de este archivo (comprobada exactamente igual que por la red).
cli-update-none = Peer Library { $version } es la versión más reciente.
cli-update-available = La versión { $version } está lista para instalarse.
cli-update-saved = Versión { $version } guardada en { $path }. Cópiela en una memoria USB e instálela en otro portátil desde Ajustes o con «peerlib update --from».
cli-update-installing = Instalando la versión { $version }…
cli-update-waiting = Hay otra actualización de esta carpeta de datos en curso (en la ventana, u otro peerlib update): esperando a que termine…
cli-update-installed = La versión { $version } está instalada. Vuelva a abrir Peer Library para usarla.
cli-update-by-hand = La versión { $version } está abierta en el Finder. Arrastre la aplicación que aparece a Aplicaciones, en lugar de la antigua, y ábrala.
cli-cmd-release = Firmar una nueva versión de la aplicación en la carpeta del canal (updates/), para que los portátiles la encuentren e instalen.
cli-help-release-out = La carpeta del canal (tal como la escribe «peerlib publish»).
cli-help-release-version = La nueva versión (p. ej. 1.4.0); debe ser más reciente que todas las anteriores.
cli-help-release-notes = Notas de la versión en un idioma: IDIOMA=ARCHIVO (en es obligatorio; también fr, es, ru).
cli-help-release-package = Un instalador: SISTEMA=ARCHIVO, p. ej. linux-x86_64-deb=peer-library_1.4.0_amd64.deb.
cli-help-released = La fecha de publicación (AAAA-MM-DD; por defecto: hoy).
cli-release-pair = «{ $value }» no tiene la forma NOMBRE=ARCHIVO.
cli-release-unreadable = No se pudo leer { $path }.
cli-release-done = Versión { $version } firmada con { $packages } instaladores, en updates/.
cli-release-failed = La versión no se escribió: { $detail }

## peerlib network (la red que sigue este portátil; invitaciones)
cli-cmd-network = Mostrar qué red sigue este portátil, unirse a otra desde una invitación o dejarla.
cli-cmd-network-show = Mostrar la red seguida, su canal y sus claves, y quién la eligió.
cli-cmd-network-join = Unirse a la red que indica una invitación (un archivo .peerlib-network o un enlace https).
cli-cmd-network-leave = Dejar de seguir la red a la que se unió: se vuelve a seguir la definida para este equipo, o la integrada.
cli-help-invitation = La invitación: un archivo, o un enlace https a uno.
cli-network-name = Red: { $name }
cli-network-feed = Canal: { $url }
cli-network-keys = Claves de firma: { $keys }
cli-network-source-environment = Definida por PEERLIB_NETWORK para esta ejecución.
cli-network-source-joined = Unida desde una invitación.
cli-network-source-system = Definida para todos los usuarios de este equipo por su administrador.
cli-network-source-shipped = Integrada en esta copia de Peer Library.
cli-network-joined = Se unió a la red. La biblioteca la sigue desde su próxima sincronización; los documentos de la red seguida antes salen de ella, sus notas se quedan.
cli-help-network-yes = Unirse sin preguntar: se une enseguida a la red que indica la invitación (sin esta opción, se muestra esa red y nada cambia).
cli-network-join-ask = Aún no se ha unido: compruebe el nombre, la dirección y las claves de arriba. Las claves de esa red deciden lo que contiene su biblioteca; los documentos de la red que sigue ahora saldrían de la biblioteca (sus notas se quedan), y las nuevas versiones de Peer Library se buscarían también en esa dirección. Para unirse con esta invitación, ejecute la misma orden con --yes --expect { $digest }
cli-help-network-expect = Con --yes: unirse solo si la invitación sigue siendo la mostrada (su huella, como la mostró la orden sin --yes), para que un enlace no pueda cambiar entretanto.
cli-network-join-changed = La invitación no es la que se mostró antes (su huella es { $digest }): cambió entretanto. No se ha cambiado nada.
cli-network-left = Dejó la red a la que se había unido.
cli-network-not-joined = No se había unido a ninguna red.
cli-network-invalid-joined = Es la red a la que se unió por invitación: `peerlib network leave` la deja.
cli-invitation-invalid = Esta invitación no es válida: { $detail }. No se cambió nada.

## Cifrado de los datos personales (#18)
cli-cmd-encrypt = Cifrar sus datos personales (notas, marcadores, documentos leídos, colecciones, ajustes, fuentes seguidas, y sus copias de seguridad) con una frase de contraseña que usted elija. Cierre antes la aplicación.
cli-cmd-decrypt = Quitar el cifrado de sus datos personales (pide su frase de contraseña). Cierre antes la aplicación.
cli-cmd-passphrase = Cambiar la frase de contraseña de sus datos personales cifrados. Cierre antes la aplicación.
cli-unlock-passphrase = Frase de contraseña de sus datos personales:
cli-wrong-passphrases = { $count ->
    [one] Desde la última vez que se abrieron estos datos personales, se escribió una vez una frase de contraseña incorrecta, el { $last }.
   *[other] Desde la última vez que se abrieron estos datos personales, se escribió { $count } veces una frase de contraseña incorrecta; la última, el { $last }.
} Si no fue usted, puede que alguien haya intentado abrirlos.
cli-unlock-waiting = Se escribieron frases de contraseña incorrectas: la frase de contraseña se comprueba en { $seconds } s.
cli-passphrase-current = Frase de contraseña actual:
cli-passphrase-new = Nueva frase de contraseña (al menos 8 caracteres):
cli-encrypt-forgotten = Si olvida esta frase de contraseña, nadie podrá recuperar sus notas, marcadores, colecciones y ajustes: ni usted, ni la red, ni nosotros. No hay puerta trasera. La biblioteca en sí no se pierde: se puede sincronizar de nuevo.
cli-encrypted = Sus datos personales están cifrados. Cada comando, y la aplicación, pedirán la frase de contraseña.
cli-decrypted = Sus datos personales ya no están cifrados.
cli-help-encrypt-all = Cifrar también la biblioteca (sus documentos, sus adjuntos e imágenes, las fuentes que sigue, el índice de búsqueda): entonces solo se abre con la frase de contraseña.
cli-library-encrypted = La biblioteca también está cifrada, con sus adjuntos (PDF, presentaciones) e imágenes: solo se abre con la frase de contraseña.
cli-decrypted-all = Sus datos personales y la biblioteca ya no están cifrados.
cli-passphrase-changed = La frase de contraseña ha cambiado. La anterior ya no abre nada.
cli-cmd-lock = Bloquear la aplicación abierta: vuelve a pedir la frase de contraseña antes de mostrar nada.
cli-locked = La aplicación está bloqueada.
cli-lock-not-running = Peer Library no está abierto: no hay nada que bloquear.
cli-lock-no-app = No se pudo pedir a la aplicación que se bloquee (su programa no está junto a este comando).
cli-lock-failed = No se pudo pedir a la aplicación que se bloquee (necesita la sesión de escritorio donde se ejecuta: su pantalla y su bus de sesión). Use «Bloquear» en su ventana.
