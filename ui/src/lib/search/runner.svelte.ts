// Search as the user types, with no pause: results follow a keystroke by one search. While one
// search runs, only the newest query waits behind it (fast typing never queues a backlog), and an
// answer to an older query never replaces a newer one; the same query asked again (the view or
// the filters set to what they were) is not sent twice.
import { ipc, toIpcError, type IpcError, type SearchQuery, type SearchResults } from '../ipc';

export class SearchRunner {
  results = $state<SearchResults | null>(null);
  /** The text the results shown answer (they may still be an earlier keystroke's). */
  answered = $state('');
  failure = $state<IpcError | null>(null);

  #search: (q: SearchQuery) => Promise<SearchResults>;
  #asked = '';
  #latest = 0;
  #inFlight = false;
  #pending: SearchQuery | null = null;

  constructor(search: (q: SearchQuery) => Promise<SearchResults> = ipc.search) {
    this.#search = search;
  }

  /** Search for `q` unless it is what was asked last. */
  ask(q: SearchQuery) {
    const key = JSON.stringify(q);
    if (key === this.#asked) return;
    this.#asked = key;
    if (this.#inFlight) this.#pending = q;
    else this.#run(q);
  }

  /** Leaving search: forget the results, so the next search starts from nothing shown. */
  reset() {
    this.#latest++;
    this.#asked = '';
    this.#pending = null;
    this.results = null;
    this.answered = '';
    this.failure = null;
  }

  #run(q: SearchQuery) {
    this.#inFlight = true;
    const ticket = ++this.#latest;
    this.#search(q)
      .then(
        (r) => {
          if (ticket !== this.#latest) return;
          this.results = r;
          this.answered = q.text;
          this.failure = null;
        },
        (e) => {
          if (ticket === this.#latest) this.failure = toIpcError(e);
        },
      )
      .finally(() => {
        this.#inFlight = false;
        const next = this.#pending;
        this.#pending = null;
        if (next) this.#run(next);
      });
  }
}
