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
cli-cmd-search = Поиск по библиотеке: названия, тексты, метки, издатели и текст вложений.
cli-help-query = Что искать. Слова в кавычках — это фраза.
cli-help-doc-lang = Только документы на этом языке (en, fr, es, ru…).
cli-help-kind = Только документы этого типа.
cli-help-limit = Сколько результатов показать самое большее.
cli-search-none = Ничего не найдено. Попробуйте меньше слов, более короткие слова или уберите фильтры.
cli-search-count = { $count ->
    [one] { $count } совпадение
    [few] { $count } совпадения
   *[many] { $count } совпадений
}
