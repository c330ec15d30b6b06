// The wait before the next passphrase is tried, after wrong ones (AppState::unlock_wait): shown
// by the unlock prompt and by Settings' check of the current passphrase, and counted down here a
// second at a time, as it wears off, rather than said once and left standing.

/** Seconds still to wait; counted down while the component that made it lives. */
export class PassphraseWait {
  seconds = $state(0);

  constructor() {
    $effect(() => {
      if (this.seconds <= 0) return;
      const timer = setTimeout(() => (this.seconds = Math.max(0, this.seconds - 1)), 1000);
      return () => clearTimeout(timer);
    });
  }
}
