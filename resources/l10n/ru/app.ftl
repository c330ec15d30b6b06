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
library-col-title = Название
library-col-kind = Тип
library-col-date = Дата
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
error-internal = В Peer Library произошла внутренняя ошибка. Попробуйте ещё раз; в вашей библиотеке ничего не изменено.
error-disk = Диск заполнен или защищён от записи. Освободите место и попробуйте ещё раз; ваша библиотека не изменена.
error-invalid-document = Документ в обновлении некорректен и не был сохранён. Остальная библиотека не изменена.
error-no-data-dir = На этом компьютере нет папки для данных приложений. Укажите её через --data-dir или PEERLIB_DATA_DIR.

## Почему по словам вложения нельзя искать

attachment-text-no-text-layer = Отсканированные страницы: по словам этого файла искать нельзя.
attachment-text-encrypted = Файл защищён паролем: по его словам искать нельзя.
attachment-text-not-its-type = Этот файл не того типа, за который себя выдаёт. Открывайте его осторожно.
attachment-text-unreadable = Файл, похоже, повреждён: по его словам искать нельзя.
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
