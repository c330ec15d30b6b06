## La entrada de escritorio y la página del centro de software (resources/linux/generate.py, make dist)

desktop-name = Peer Library
desktop-generic-name = Biblioteca de documentos
desktop-comment = Leer los documentos de la red, sin conexión
desktop-keywords = documentos;biblioteca;informes;declaraciones;reducción de daños;sin conexión;
metainfo-summary = Los documentos de la red en su ordenador, sin conexión
metainfo-description-1 = Peer Library guarda en su ordenador las declaraciones conjuntas, informes anuales, guías de consulta y páginas de eventos de una red de personas que usan drogas y de sus redes miembro, en varios idiomas, y los mantiene al día en segundo plano.
metainfo-description-2 = Todo se puede leer y buscar sin internet, también los adjuntos. Cada documento se comprueba con la firma de la red, así que nadie entre usted y la red puede cambiarlo.
metainfo-description-3 = Pase la biblioteca por memoria USB o por la red de la sala; guarde notas y colecciones privadas; lleve sus datos personales a un ordenador nuevo, sellados con una frase de contraseña.
metainfo-screenshot-library = La biblioteca, con sus filtros
metainfo-screenshot-reader = Un documento abierto en el lector
metainfo-screenshot-nearby = Compartir la biblioteca con personas cercanas
mime-network = Invitación de Peer Library
mime-bundle = Paquete de biblioteca de Peer Library
mime-update = Actualización de Peer Library
