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

## Публикация (peerlib keygen, peerlib publish)

cli-cmd-keygen = Создать пару ключей для подписи ленты сети (формат minisign).
cli-cmd-publish = Собрать подписанную ленту из папки файлов Markdown для размещения на статическом хостинге.
cli-help-secret-key = Файл секретного ключа (храните его в тайне).
cli-help-public-key = Файл открытого ключа (для каждого компьютера, в resources/network.toml).
cli-help-force = Заменить уже существующие файлы ключей.
cli-help-src = Папка с исходными файлами Markdown и их вложениями.
cli-help-out = Папка, куда записать ленту; она заменяется за один шаг.
cli-help-expires-in = Через сколько дней компьютеры считают ленту устаревшей.
cli-help-publisher = Имя издателя, которое показывает лента.
cli-keygen-done = Пара ключей записана. Идентификатор ключа: { $id }. Храните секретный ключ в тайне и сделайте резервную копию; открытый ключ поместите в resources/network.toml.
cli-keygen-exists = { $path } уже существует. Используйте --force, чтобы заменить его (компьютеры, доверяющие старому ключу, отклонят новый).
cli-publish-done = Опубликована версия { $seq }: документов — { $documents } (изменено — { $changed }), вложений — { $attachments }.
cli-publish-invalid = { $count ->
    [one] Ничего не опубликовано: исправьте { $count } проблему выше и запустите команду снова.
    [few] Ничего не опубликовано: исправьте { $count } проблемы выше и запустите команду снова.
   *[many] Ничего не опубликовано: исправьте { $count } проблем выше и запустите команду снова.
}
cli-publish-no-key = Не удаётся прочитать секретный ключ { $path }.
cli-publish-no-src = Исходная папка { $path } не существует.
cli-publish-bad-key = Файл не является пригодным секретным ключом minisign (ключи с паролем не поддерживаются; создайте ключ командой peerlib keygen).
cli-publish-bad-feed = { $path } — не лента, записанная этой командой. Переместите её или выберите другую папку.
cli-publish-outside-source = { $path } ведёт за пределы папки с исходниками (ссылка на файл или папку в другом месте). Публикация читает только то, что лежит в папке с исходниками: скопируйте файл внутрь или удалите ссылку.
cli-problem = { $file }:{ $line }: { $message }
problem-no-front-matter = файл должен начинаться с заголовка между строками +++.
problem-syntax = заголовок не является корректным TOML ({ $detail }).
problem-missing-title = не указано название (title).
problem-missing-kind = не указан тип (kind).
problem-unknown-kind = «{ $kind }» — не тип документа; используйте один из: { $kinds }.
problem-missing-language = не указан язык (language).
problem-invalid-language = «{ $tag }» — некорректный языковой тег (BCP 47, например en, fr, es-419, ru).
problem-insecure-url = ссылка «{ $url }» должна начинаться с https://.
problem-missing-attachment = вложение «{ $path }» не существует.
problem-attachment-outside = путь вложения «{ $path }» выходит за пределы исходной папки.
problem-attachment-not-its-type = вложение «{ $path }» не того типа, что указан в его имени: по содержимому это { $real }. Переименуйте или замените его.
problem-attachment-unknown-type = вложение «{ $path }» не того типа, что указан в его имени: его содержимое не относится ни к одному известному типу. Переименуйте или замените его.
problem-duplicate-id = идентификатор «{ $id }» уже используется в { $first }.
cli-cmd-serve = Раздавать опубликованную ленту по HTTP (для разработки или небольшого офиса).
cli-help-serve-dir = Папка, которую записала команда peerlib publish.
cli-help-addr = Адрес и порт для приёма соединений.
cli-serve-listening = Лента доступна по адресу { $url } (нажмите Ctrl+C, чтобы остановить).
cli-serve-cannot-listen = Не удаётся слушать { $addr }: возможно, порт занят. Выберите другой с помощью --addr.

## Синхронизация и ленты (peerlib sync, peerlib status, peerlib feeds)

cli-cmd-sync = Обновить библиотеку из ленты сети и всех лент, на которые вы подписаны.
cli-help-allow-mass-delete = Применить обновление, даже если оно удаляет больше половины документов ленты.
cli-cmd-status = Показать, когда библиотека синхронизировалась в последний раз, что пошло не так и на какие ленты вы подписаны.
cli-cmd-feeds = Подписаться на ленты, показать их или отписаться.
cli-cmd-feeds-add = Подписаться на ленту: RSS, Atom или JSON Feed сайта или другую подписанную библиотеку с --public-key.
cli-cmd-feeds-list = Показать ленты, на которые вы подписаны.
cli-cmd-feeds-remove = Отписаться от ленты и удалить её документы (ваши заметки и закладки останутся).
cli-help-feed-url = Веб-адрес ленты.
cli-help-feed-key = Открытый ключ minisign издателя: тогда его документы проверяются.
cli-network-invalid = Не удалось прочитать настройки сети: { $detail }
cli-sync-updated = { $title }: новых — { $added }, изменённых — { $changed }, удалённых — { $removed }.
cli-sync-up-to-date = { $title }: всё актуально.
cli-sync-waiting = { $title }: сервер попросил подождать; следующая попытка после { $time }.
cli-sync-failed = { $title }: { $message }
cli-sync-stale = Сеть вовремя не обновила свою ленту: в этом обновлении могут отсутствовать документы.
cli-sync-files-missing = { $count ->
    [one] { $count } вложение не удалось скачать; попытка будет повторена при следующей синхронизации.
    [few] { $count } вложения не удалось скачать; попытка будет повторена при следующей синхронизации.
   *[many] { $count } вложений не удалось скачать; попытка будет повторена при следующей синхронизации.
}
cli-status-never = Библиотека ещё ни разу не синхронизировалась успешно.
cli-status-last-success = Последняя успешная синхронизация: { $time }.
cli-status-stale = { $title } не обновлялась с { $time }: срок её ленты истёк { $expired }, документы могут быть устаревшими.
cli-status-last-attempt = Последняя синхронизация, { $time }, не завершилась:
cli-feeds-line-signed = { $title } — { $url } (подписана; { $count ->
    [one] { $count } документ
    [few] { $count } документа
   *[many] { $count } документов
})
cli-feeds-line-unverified = { $title } — { $url } (не проверена; { $count ->
    [one] { $count } документ
    [few] { $count } документа
   *[many] { $count } документов
})
cli-feeds-added = Вы подписались на { $url }. Запустите peerlib sync, чтобы загрузить её.
cli-feeds-already = Вы уже подписаны на { $url }.
cli-feeds-removed = Вы отписались от { $url }; { $count ->
    [one] удалён { $count } документ.
    [few] удалено { $count } документа.
   *[many] удалено { $count } документов.
}
cli-help-attachment-budget = Сколько мегабайт вложений хранить на этом компьютере (по умолчанию без ограничений).
cli-help-proxy = Использовать этот прокси для этой синхронизации (socks5h://127.0.0.1:9050 для Tor; по умолчанию — сохранённый в настройках, иначе HTTP_PROXY и подобные).
