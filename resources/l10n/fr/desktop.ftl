## L’entrée de bureau et la page de la logithèque (resources/linux/generate.py, make dist)

desktop-name = Peer Library
desktop-generic-name = Bibliothèque de documents
desktop-comment = Lire les documents du réseau, hors ligne
desktop-keywords = documents;bibliothèque;rapports;déclarations;réduction des risques;hors ligne;
metainfo-summary = Les documents du réseau sur votre ordinateur, hors ligne
metainfo-description-1 = Peer Library garde sur votre ordinateur les déclarations communes, rapports annuels, guides de consultation et pages d’événements d’un réseau de personnes qui consomment des drogues et de ses réseaux membres, en plusieurs langues, et les tient à jour en arrière-plan.
metainfo-description-2 = Tout se lit et se recherche sans internet, pièces jointes comprises. Chaque document est vérifié avec la signature du réseau : personne entre vous et le réseau ne peut le modifier.
metainfo-description-3 = Transmettez la bibliothèque par clé USB ou par le réseau de la salle ; gardez des notes et des collections privées ; emportez vos données personnelles sur un nouvel ordinateur, scellées par une phrase secrète.
metainfo-screenshot-library = La bibliothèque et ses filtres
metainfo-screenshot-reader = Un document ouvert dans le lecteur
metainfo-screenshot-nearby = Partager la bibliothèque avec les personnes à proximité
mime-network = Invitation Peer Library
mime-bundle = Paquet de bibliothèque Peer Library
mime-update = Mise à jour de Peer Library
