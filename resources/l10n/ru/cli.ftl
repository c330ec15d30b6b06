# Сообщения программы командной строки `peerlib`.

cli-about = Чтение, поиск и обновление Peer Library из командной строки.
cli-help-data-dir = Где хранится библиотека (по умолчанию: системная папка данных приложений; также PEERLIB_DATA_DIR).
cli-help-lang = Язык сообщений (en, fr, es, ru; по умолчанию: из LANG).
cli-help-json = Вывести JSON для программ.
cli-cmd-list = Показать список документов библиотеки.
cli-cmd-show = Показать один документ.
cli-help-id = Идентификатор документа.
cli-list-empty = Библиотека пуста.
cli-not-found = Документа с идентификатором «{ $id }» нет.
cli-error = Ошибка: { $message }
cli-field-kind = Тип
cli-field-language = Язык
cli-field-published = Дата
cli-field-publishers = Автор
cli-field-tags = Метки
cli-field-translations = Переводы
cli-field-attachments = Вложения
