# Peer Library: разделы библиотеки, фильтры, подборки, действия в режиме чтения и сообщения о
# восстановлении (русский).

## Боковая панель: разделы библиотеки

views-label = Разделы
view-all = Все документы
view-new = { $count ->
    [0] Новое с последней синхронизации
   *[other] Новое с последней синхронизации ({ $count })
}
view-new-heading = Новое с последней синхронизации
view-new-empty = Пока ничего нового: новые документы со следующей синхронизации появятся здесь.
view-bookmarked = Закладки
view-bookmarked-empty = Закладок пока нет. Нажмите «В закладки» в документе, чтобы он появился здесь.
view-unread = Непрочитанные
view-unread-empty = Вы открыли все документы в этом разделе.
collections-heading = Подборки
collections-none = Соберите документы для встречи или кампании, например «Пакет HLM 2021».
collections-new-label = Новая подборка
collections-new-placeholder = Название
collections-create = Создать
skip-to-content = Перейти к содержимому

## Список

library-unread = Не прочитано
library-new-badge = Новое
library-attachments = { $count ->
    [one] { $count } вложение, офлайн: { $offline }
    [few] { $count } вложения, офлайн: { $offline }
   *[many] { $count } вложений, офлайн: { $offline }
}
library-none-filtered = Ни один документ не подходит под эти фильтры. Уберите фильтр, чтобы увидеть больше.

## Фильтры

filter-label = Фильтры
filter-any = Все
filter-kind = Тип
filter-language = Язык
filter-year = Год
filter-publisher = Издатель
filter-tag = Тема
filter-sort = Порядок
filter-clear = Сбросить фильтры
sort-relevance = По релевантности
sort-newest = Сначала новые
sort-oldest = Сначала старые
sort-title = По названию (А–Я)
search-none-clear-filters = Искать без фильтров

## Подборка

collection-rename = Переименовать
collection-rename-save = Сохранить
collection-rename-cancel = Отмена
collection-delete = Удалить подборку
collection-delete-confirm = Удалить «{ $name }»? Документы останутся в библиотеке.
collection-empty = Подборка пуста. Откройте документ и отметьте эту подборку, чтобы добавить его.
collection-move-up = Переместить «{ $title }» выше
collection-move-down = Переместить «{ $title }» ниже
collection-remove-item = Убрать
error-collection-name = Дайте подборке название.

## Режим чтения

reader-mark-read = Отметить как прочитанное
reader-mark-unread = Отметить как непрочитанное
reader-collections = В подборках
reader-collections-none = Создайте подборку на боковой панели, чтобы группировать документы.
reader-attachment-save = Сохранить копию
reader-attachment-not-offline = Ещё не на этом компьютере: загрузится при следующей синхронизации.
reader-attachment-save-only = Этот файл не относится к типам документов, которые безопасно открывать отсюда: можно только сохранить копию.
reader-attachment-open-copy = При открытии создаётся читаемая копия для другой программы; она удаляется при блокировке или выходе.
reader-attachment-saved = Сохранено: { $path }

## Состояние синхронизации

sync-never-empty = Синхронизации ещё не было: синхронизируйте, чтобы получить библиотеку.
sync-next = Следующая синхронизация в { DATETIME($date, hour: "numeric", minute: "numeric") }.

## Настройки: порядок языков документов

settings-content-languages = Языки документов
settings-content-languages-hint = Если документ есть на нескольких языках, он показывается на первом из этих языков, на котором он доступен.
settings-content-add = Добавить язык
settings-content-up = Переместить «{ $language }» выше
settings-content-down = Переместить «{ $language }» ниже
settings-content-remove = Убрать
language-name-pseudo = Псевдоязык (для разработки)

## Повреждённый файл при запуске. Ничего не удаляется.

recovery-library = Файл библиотеки был повреждён. Он сохранён отдельно: { $path }, а библиотека создана заново; следующая синхронизация вернёт все документы.
recovery-user-restored = Файл с вашими заметками и закладками был повреждён. Он сохранён отдельно: { $path }, а данные восстановлены из последней резервной копии.
recovery-user-lost = Файл с вашими заметками и закладками был повреждён, а резервной копии не было. Он сохранён отдельно: { $path }.
recovery-dismiss = Закрыть

# Where a document came from (#17 item 8)
provenance-library = Добавленная вами библиотека
provenance-website = Непроверенный сайт
provenance-website-http = Непроверенный сайт, без шифрования
reader-provenance-network = Из { $source }: проверено подписью сети.
reader-provenance-library = Из { $source }, библиотеки, которую вы добавили: проверено указанным вами ключом.
reader-provenance-website = Из { $source }, непроверенного сайта: ничто не подтверждает, кто это написал и что текст не изменён.
reader-provenance-website-http = Из { $source }, непроверенного сайта, полученного без шифрования: кто угодно по пути мог это изменить.

# The proxy every sync goes through (#17 item 6)
settings-proxy = Прокси
settings-proxy-hint = Каждая синхронизация идёт через этот прокси. Для Tor: socks5h://127.0.0.1:9050 (тогда и имена ищутся через Tor). Пусто — системные настройки прокси, если они есть.
settings-proxy-invalid = Приложение не может использовать такой адрес прокси. Укажите его в виде socks5h://127.0.0.1:9050 или http://proxy.example:3128.
