# Peer Library — строки интерфейса (русский).

app-title = Peer Library

## Библиотека

library-heading = Библиотека
library-count = { $count ->
    [one] { $count } документ
    [few] { $count } документа
   *[many] { $count } документов
}
library-loading = Открываем библиотеку…
library-empty = Библиотека пуста. Она пополнится при следующей синхронизации.
library-col-languages = Языки
library-date = { DATETIME($date, year: "numeric", month: "short", day: "numeric") }
library-undated = Без даты

## Типы документов

kind-statement = Заявление
kind-report = Отчёт
kind-guide = Руководство
kind-news = Новость
kind-event = Событие
kind-video = Видео
kind-publication = Публикация

## Названия языков

language-name = { $code ->
    [en] английский
    [fr] французский
    [es] испанский
    [ru] русский
   *[other] { $code }
}

## Чтение

reader-back = Назад в библиотеку
reader-published = Опубликовано { DATETIME($date, year: "numeric", month: "long", day: "numeric") }
reader-publishers = Автор: { $publishers }
reader-translations = Другие языки
# The same, as a visible label before the list of languages.
reader-translations-label = Другие языки:
reader-attachments = Вложения
reader-attachment-size = { $kb ->
    [one] { $kb } КБ
    [few] { $kb } КБ
   *[many] { $kb } КБ
}
reader-attachment-open = Открыть
reader-attachment-offline = Сохранено на этом компьютере
reader-link = Смотреть или открыть: { $url }

reader-bookmark = В закладки
reader-bookmarked = В закладках
reader-note-label = Моя личная заметка
reader-note-placeholder = Эту заметку видите только вы. Она никогда не покидает этот компьютер.
reader-note-saved = Сохранено только на этом компьютере

## Ошибки

error-not-found = Этого документа больше нет в библиотеке.
error-database = Не удалось прочитать библиотеку. Перезапустите Peer Library; если ошибка повторится, ваши заметки в безопасности, а библиотека будет восстановлена при следующей синхронизации.
error-newer-database = Эта библиотека сохранена более новой версией Peer Library. Обновите приложение, чтобы открыть её; ничего не изменено.
error-invalid-argument = Приложение получило запрос, который не может обработать.
error-attachment-missing = Этого вложения ещё нет на компьютере. Оно будет загружено при следующей синхронизации.
error-not-openable = Этот файл не относится к типам документов, которые безопасно открывать отсюда. Можно сохранить копию.
error-internal = В Peer Library произошла внутренняя ошибка. Попробуйте ещё раз; в вашей библиотеке ничего не изменено.
error-disk = Диск заполнен или защищён от записи. Освободите место и попробуйте ещё раз; ваша библиотека не изменена.
error-invalid-document = Документ в обновлении некорректен и не был сохранён. Остальная библиотека не изменена.
error-no-data-dir = На этом компьютере нет папки для данных приложений. Укажите её через --data-dir или PEERLIB_DATA_DIR.

## Почему по словам вложения нельзя искать

attachment-text-no-text-layer = Отсканированные страницы: по словам этого файла искать нельзя.
attachment-text-encrypted = Файл защищён паролем: по его словам искать нельзя.
attachment-text-not-its-type = Этот файл не того типа, за который себя выдаёт. Открывайте его осторожно.
attachment-text-unreadable = Файл, похоже, повреждён: по его словам искать нельзя.
attachment-text-too-large = Файл слишком велик, чтобы безопасно его прочитать: по его словам искать нельзя.
attachment-text-too-slow = Чтение файла заняло слишком много времени: по его словам искать нельзя.
error-signature = Обновление не прошло проверку подписи и не было применено. Ваша библиотека не изменена. Если это повторяется, сеть, к которой вы подключены, возможно, подменяет загрузки: попробуйте позже через другую сеть.
error-tampered = Файл в этом обновлении не совпадает с тем, что опубликовала сеть, поэтому обновление не применено. Ваша библиотека не изменена. Попробуйте позже или через другую сеть.

## Поиск

search-label = Поиск по библиотеке
search-placeholder = Искать в названиях, текстах и вложениях…
search-results = { $count ->
    [one] { $count } результат
    [few] { $count } результата
   *[many] { $count } результатов
}
search-results-more = Больше { $count } результатов: добавьте слово, чтобы сузить поиск
search-none = По запросу «{ $query }» ничего не найдено. Попробуйте меньше слов или более короткие слова; ударения и окончания не важны.
search-in-attachment = Найдено во вложении

## Почему синхронизация не завершилась (по коду). Неудачная синхронизация никогда не меняет библиотеку.

error-offline = Нет соединения с сервером ленты. Всё, что уже есть на этом компьютере, можно читать дальше; библиотека обновится, когда появится интернет.
error-timeout = Сервер ленты слишком долго не отвечал. Ваша библиотека не изменена; попытка будет повторена позже.
error-rate-limited = Сервер ленты перегружен и попросил зайти позже. Peer Library подождёт, сколько просили, и попробует снова.
error-feed-gone = Лента не найдена по этому адресу. Возможно, она переехала: проверьте адрес в настройках.
error-server = На сервере ленты произошла ошибка. Ваша библиотека не изменена; попытка будет повторена позже.
error-too-large = Сервер прислал гораздо больше данных, чем может быть в ленте, поэтому они не использованы. Ваша библиотека не изменена.
error-sign-in = Эта сеть требует входа. Откройте любую страницу в браузере, чтобы попасть на страницу входа, затем синхронизируйте снова.
error-redirect = Адрес ленты вёл туда, куда не должен (слишком много перенаправлений или переход с защищённого адреса на незащищённый), поэтому переход не выполнен.
error-interrupted = Загрузка прервалась. Ваша библиотека не изменена; скачанное будет докачано при следующей синхронизации.
error-cancelled = Синхронизация остановлена. Ваша библиотека не изменена.
error-bad-url = Это не подходящий веб-адрес ленты. Он должен начинаться с https://.
error-rollback = Сервер предложил более старую версию библиотеки, чем у вас, поэтому она отклонена. Если это повторяется, сеть, к которой вы подключены, возможно, подменяет загрузки.
error-publisher = Это обновление подписал не издатель ленты, поэтому оно не применено. Ваша библиотека не изменена.
error-mass-delete = Это обновление удалило бы больше половины документов этой ленты, поэтому оно отложено. Если сеть действительно отозвала их, подтвердите обновление, чтобы применить его.
error-busy = Синхронизация уже идёт. Дождитесь её окончания.
error-unreadable-feed = Эту ленту не удалось прочитать: она повреждена или это не лента. Ничего не изменено.
error-waiting = Сервер попросил подождать перед следующей синхронизацией. Peer Library попробует позже.
error-not-subscribed = Вы не подписаны на эту ленту (собственную ленту сети удалить нельзя).
error-bad-key = Это не открытый ключ minisign. Скопируйте всю строку ключа, которую дал издатель.
error-network-config = В этой копии Peer Library неверные сетевые настройки (network.toml), поэтому синхронизация невозможна. Переустановите приложение или обратитесь к тому, кто его настраивал.

## Строка синхронизации под верхней панелью

sync-now = Синхронизировать
sync-stop = Остановить
sync-retry = Повторить
sync-apply-anyway = Всё равно применить обновление
sync-running = Проверка обновлений…
sync-progress-documents = Загрузка документов: { $done } из { $total }
sync-progress-attachments = Загрузка вложений: { $done } из { $total }
sync-progress-applying = Сохранение документов ({ $total })…
sync-last = Обновлено { DATETIME($date, month: "short", day: "numeric", hour: "numeric", minute: "numeric") }.
sync-never = Синхронизации ещё не было: вы читаете библиотеку, поставляемую с приложением.
sync-stale-since = Не обновлялось с { DATETIME($date, month: "short", day: "numeric", hour: "numeric", minute: "numeric") }: сеть вовремя не обновила свою ленту, некоторые документы могут быть устаревшими.
sync-last-update = Библиотека последний раз обновлялась { DATETIME($date, month: "short", day: "numeric", hour: "numeric", minute: "numeric") }.
sync-library-from-app = Вы читаете библиотеку, которая поставляется с приложением.

## Значок в системном лотке и уведомления (их показывает система)

tray-open = Открыть Peer Library
tray-sync-now = Синхронизировать
tray-pause = Приостановить фоновую синхронизацию
tray-quit = Выйти
tray-tooltip-idle = Peer Library: всё актуально
tray-tooltip-syncing = Peer Library: синхронизация…
tray-tooltip-error = Peer Library: последняя синхронизация не завершилась
notify-background = Peer Library обновляет вашу библиотеку в фоновом режиме. Чтобы выйти, воспользуйтесь её значком в системном лотке.
notify-new-documents = { $count ->
    [one] { $count } новый документ в вашей библиотеке
    [few] { $count } новых документа в вашей библиотеке
   *[many] { $count } новых документов в вашей библиотеке
}
notify-open-new = Показать новое

## Настройки

settings-title = Настройки
settings-feeds = Ваши ленты
settings-feed-verified = Подписана
settings-feed-unverified = Не проверена
settings-feed-remove = Отписаться
settings-feed-remove-label = Отписаться от { $title }
settings-feed-url = Адрес ленты (RSS, Atom или JSON Feed)
settings-feed-key = Открытый ключ издателя (только для подписанной библиотеки)
settings-feed-add = Подписаться
settings-feed-added = Лента добавлена. Она загрузится при следующей синхронизации.
settings-feed-already = Вы уже подписаны на эту ленту.
settings-feed-removed = { $count ->
    [one] Лента удалена вместе с { $count } документом. Ваши заметки сохранены.
    [few] Лента удалена вместе с { $count } документами. Ваши заметки сохранены.
   *[many] Лента удалена вместе с { $count } документами. Ваши заметки сохранены.
}
settings-sync = Синхронизация
settings-interval = Проверять обновления
settings-interval-minutes = { $minutes ->
    [60] каждый час
    [180] каждые 3 часа
    [720] каждые 12 часов
   *[other] каждые { $minutes } минут
}
settings-budget = Место для вложений (МБ)
settings-budget-none = Без ограничений
settings-background = В фоновом режиме
settings-notifications = Сообщать о новых документах
settings-keep = Продолжать синхронизацию при закрытом окне
settings-autostart = Запускать Peer Library в фоне при входе в систему
settings-data = Где хранится библиотека
settings-data-hint = Чтобы хранить её в другом месте, запустите приложение с --data-dir или задайте PEERLIB_DATA_DIR.
settings-saved = Сохранено.
settings-language-heading = Язык
settings-language = Язык интерфейса
# Each language by its own name (the same in every locale), so a reader finds theirs.
language-name-en = English
language-name-fr = Français
language-name-es = Español
language-name-ru = Русский
