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
cli-cmd-rotate-key = Подписать заявление (OUT/keys.json), которое переводит компьютеры с текущего ключа на следующий и может навсегда отозвать ключи.
cli-help-next-public-key = Открытый ключ, которому компьютеры будут доверять со следующей синхронизации (файл .pub из keygen).
cli-help-revoke = Идентификатор ключа, которому компьютеры больше никогда не будут доверять (повторите, чтобы указать несколько).
cli-rotate-key-done = keys.json записан (заявление { $seq }): со следующей синхронизации компьютеры доверяют только ключу { $id }. Публикуйте теперь с его секретным ключом.
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
problem-attachment-password = вложение «{ $path }» открывается только с паролем: читатели не смогут ни искать в нём, ни открыть его из библиотеки. Сохраните его без пароля.
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
# Stands for a feed's title in the lines below cli-status-last-attempt when the feed is no longer followed.
cli-status-feed-gone = лента, на которую вы больше не подписаны
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

# Bundles (#20)
cli-cmd-export = Сохранить документы сети (всю библиотеку, подборку или документы) в один файл-пакет, чтобы перенести на другой компьютер.
cli-cmd-import = Проверить файл-пакет ключами сети и добавить его содержимое в библиотеку.
cli-cmd-inventory = Записать в файл, что есть в этой библиотеке, чтобы пакет для неё содержал только недостающее.
cli-help-bundle-file = Файл-пакет.
cli-help-inventory-file = Файл описи, который нужно записать.
cli-help-export-collection = Только документы этой подборки (по названию), с их переводами.
cli-help-export-document = Только этот документ (по идентификатору), с его переводами; можно указать несколько раз.
cli-help-export-for = Не включать то, что уже есть в библиотеке, описанной этим файлом описи.
cli-inventory-written = Опись { $documents } документов записана в { $file }.
cli-export-planned = В пакете будет документов: { $documents }, вложений: { $files }, { $size } МБ.
cli-export-written = Записан файл { $file }.
cli-export-no-collection = Подборки с названием «{ $name }» нет.
cli-import-not-followed = { $url }: вы не подписаны на эту ленту; пропущено.
cli-cmd-share = Поделиться копией документов сети с этого компьютера, только для чтения, с компьютерами в той же локальной сети (на них выполняют «peerlib sync --from»).
cli-help-share-addr = Адрес и порт для приёма подключений (по умолчанию все интерфейсы).
cli-help-share-minutes = Прекратить раздачу через столько минут (по умолчанию 60) или по Ctrl-C.
cli-help-sync-from = Синхронизировать документы сети с соседнего компьютера по этому адресу («peerlib share»), с проверкой ключами сети; ни к какому другому адресу обращений нет.
cli-share-listening = Раздаётся документов: { $documents }, вложений: { $files } по адресу { $url } (только чтение, код { $code }). На другом компьютере: peerlib sync --from { $url }
cli-share-also = Также по адресу { $url }
cli-share-announced = Объявлено в этой сети как «{ $name }» (peerlib nearby найдёт его; код всё равно нужен).
cli-help-share-no-announce = Не объявлять раздачу в локальной сети (адрес придётся сообщить самим).
cli-cmd-nearby = Показать компьютеры, раздающие библиотеку в этой локальной сети.
cli-help-nearby-seconds = Сколько секунд слушать (по умолчанию 3).
cli-nearby-none = Ни один компьютер в этой сети не объявляет раздачу библиотеки. Спросите его адрес и код.
cli-nearby-found = { $name }: { $address } (спросите код)
cli-share-ended = Раздача завершена. Библиотеку получили компьютеров: { $laptops }; отправлено документов: { $documents }, вложений: { $files }.

## Personal data taken to another laptop (#18)

cli-cmd-personal = Перенести личные данные на другой компьютер: заметки, закладки, отметки о прочтении, подборки и настройки — в одном файле, запечатанном парольной фразой.
cli-cmd-personal-export = Записать личные данные в ФАЙЛ, запечатав выбранной вами парольной фразой.
cli-cmd-personal-import = Добавить личные данные из ФАЙЛА к данным этого компьютера (ничего не теряется: другая заметка к тому же документу сохраняется рядом).
cli-help-personal-file = Файл личных данных.
cli-passphrase = Парольная фраза:
cli-passphrase-again = Та же парольная фраза ещё раз:
cli-passphrase-mismatch = Парольные фразы не совпадают. Ничего не записано.
cli-passphrase-unreadable = Парольная фраза не указана (введите её по запросу или передайте одной строкой на стандартный ввод).
cli-personal-written = Ваши личные данные запечатаны в { $file }. Без парольной фразы их никто не прочтёт, и никто не сможет восстановить её для вас.
cli-personal-imported = Получено заметок: { $notes } (рядом с вашими сохранено: { $merged }), закладок: { $bookmarks }, новых подборок: { $collections }, документов добавлено в подборки: { $items }.

## Panic erase (#18)

cli-cmd-erase = Стереть ваши личные данные (--personal) или всё, что Peer Library хранит на этом компьютере (--all): перезаписать и удалить. Сначала закройте приложение.
cli-help-erase-personal = Заметки, закладки, отметки о прочтении, подборки, настройки, каналы, на которые вы подписаны, и журнал синхронизации.
cli-help-erase-all = Всё в папке данных, включая библиотеку.
cli-erased = Стёрто файлов: { $files }. Peer Library запустится как новая.

## peerlib update и peerlib release (подписанные обновления приложения, docs/releasing.md)
cli-cmd-update = Проверить, есть ли новая версия Peer Library, и установить её с сервера сети или из файла обновления (с флешки).
cli-help-update-check = Только сообщить, есть ли новая версия.
cli-help-update-save = Скачать обновление и сохранить в этот файл, чтобы установить его на ноутбуках без интернета.
cli-help-update-system = С --save: система, для которой обновление (linux-x86_64-deb, windows-x86_64-nsis…), если это не система этого ноутбука.
cli-help-update-from = Установить обновление из этого файла (проверяется так же, как из сети).
cli-update-none = Peer Library { $version } — самая новая версия.
cli-update-available = Версия { $version } готова к установке.
cli-update-saved = Версия { $version } сохранена в { $path }. Скопируйте её на флешку и установите на другом ноутбуке в Настройках или командой «peerlib update --from».
cli-update-installing = Установка версии { $version }…
cli-update-installed = Версия { $version } установлена. Запустите Peer Library заново, чтобы ею пользоваться.
cli-cmd-release = Подписать новую версию приложения в папке ленты (updates/), чтобы ноутбуки нашли и установили её.
cli-help-release-out = Папка ленты (как её записывает «peerlib publish»).
cli-help-release-version = Новая версия (например, 1.4.0); она должна быть новее всех предыдущих.
cli-help-release-notes = Описание выпуска на одном языке: ЯЗЫК=ФАЙЛ (en обязателен; также fr, es, ru).
cli-help-release-package = Установщик: СИСТЕМА=ФАЙЛ, например linux-x86_64-deb=peer-library_1.4.0_amd64.deb.
cli-help-released = Дата выпуска (ГГГГ-ММ-ДД; по умолчанию сегодня).
cli-release-pair = «{ $value }» не в виде ИМЯ=ФАЙЛ.
cli-release-unreadable = Не удалось прочитать { $path }.
cli-release-done = Версия { $version } подписана, установщиков: { $packages }, в updates/.
cli-release-failed = Выпуск не записан: { $detail }

## peerlib network (какую сеть читает этот ноутбук; приглашения)
cli-cmd-network = Показать, какую сеть читает этот ноутбук, присоединиться к другой по приглашению или выйти из неё.
cli-cmd-network-show = Показать сеть, её ленту и ключи, и кто её выбрал.
cli-cmd-network-join = Присоединиться к сети из приглашения (файл .peerlib-network или ссылка https).
cli-cmd-network-leave = Выйти из сети, к которой вы присоединились: снова читается сеть, заданная для этого компьютера, или встроенная.
cli-help-invitation = Приглашение: файл или ссылка https на него.
cli-network-name = Сеть: { $name }
cli-network-feed = Лента: { $url }
cli-network-keys = Ключи подписи: { $keys }
cli-network-source-environment = Задана через PEERLIB_NETWORK для этого запуска.
cli-network-source-joined = Присоединились по приглашению.
cli-network-source-system = Задана администратором для всех пользователей этого компьютера.
cli-network-source-shipped = Встроена в эту копию Peer Library.
cli-network-joined = Готово. Библиотека читает эту сеть со следующей синхронизации; документы прежней сети из неё уходят, ваши заметки остаются.
cli-network-left = Вы вышли из сети, к которой присоединились.
cli-network-not-joined = Вы не присоединялись ни к какой сети.
cli-invitation-invalid = Это приглашение недействительно: { $detail }. Ничего не изменено.
