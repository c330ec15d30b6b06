//! What the app shows outside its page (background/): in discreet mode (#18) the "new documents"
//! notification comes from a neutral name and says neither how many nor what, in every language.

use peer_library::background::notifications::new_documents_text;
use peerlib_l10n::Localizer;

#[test]
fn a_discreet_notification_names_nothing_and_counts_nothing() {
    for locale in ["en", "fr", "es", "ru"] {
        let l = Localizer::new(locale);
        let (title, body) = new_documents_text(&l, 3, false);
        assert_eq!(title, "Peer Library", "{locale}");
        assert!(body.contains('3'), "{locale}: the count, when not discreet: {body}");

        let (title, body) = new_documents_text(&l, 3, true);
        assert_eq!(title, l.tr("discreet-title"), "{locale}");
        for shown in [&title, &body] {
            assert!(!shown.contains("Peer") && !shown.contains('3') && !shown.is_empty(), "{locale}: {shown}");
        }
        assert_ne!(body, new_documents_text(&l, 3, false).1, "{locale}");
    }
}
