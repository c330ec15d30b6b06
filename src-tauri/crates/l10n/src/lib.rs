//! Localisation for everything Rust shows a person: window titles, the tray, notifications,
//! command-line messages and error messages. The UI reads the same `resources/l10n/<locale>/*.ftl`
//! files through @fluent/bundle, so there is one source of truth for every string.
//!
//! To add a language: add `resources/l10n/<tag>/` with the same files and message ids as `en/`
//! and list the tag in [`AVAILABLE`]; the parity test in `tests/` says what is missing.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_langneg::{negotiate_languages, NegotiationStrategy};
use include_dir::{include_dir, Dir};
use unic_langid::LanguageIdentifier;

static L10N: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../../resources/l10n");

/// The locales that ship, in the order offered to the user. English is the fallback.
pub const AVAILABLE: &[&str] = &["en", "fr", "es", "ru"];
pub const FALLBACK: &str = "en";
/// The pseudo-locale: English with every letter accented and vowels doubled (about 40% longer),
/// to find strings that do not go through Fluent and layouts that clip. Development builds only.
pub const PSEUDO: &str = "en-XA";

/// The interface languages a user may pick: [`AVAILABLE`], plus [`PSEUDO`] in a debug build.
pub fn selectable() -> Vec<&'static str> {
    let mut v = AVAILABLE.to_vec();
    if cfg!(debug_assertions) {
        v.push(PSEUDO);
    }
    v
}

/// "Settings" -> "[Šéééţţîîñĝš]": accented, vowels doubled, bracketed so clipping shows.
pub fn pseudo(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    out.push('[');
    for c in text.chars() {
        let accented = match c {
            'a' => "àà", 'e' => "éé", 'i' => "îî", 'o' => "öö", 'u' => "üü", 'y' => "ýý",
            'A' => "ÀÀ", 'E' => "ÉÉ", 'I' => "ÎÎ", 'O' => "ÖÖ", 'U' => "ÜÜ", 'Y' => "ÝÝ",
            'c' => "ç", 'C' => "Ç", 'n' => "ñ", 'N' => "Ñ", 's' => "š", 'S' => "Š", 't' => "ţ", 'T' => "Ţ",
            'g' => "ĝ", 'G' => "Ĝ", 'l' => "ļ", 'L' => "Ļ", 'r' => "ŕ", 'R' => "Ŕ", 'z' => "ž", 'Z' => "Ž",
            'd' => "ď", 'D' => "Ď", 'k' => "ķ", 'K' => "Ķ", 'w' => "ŵ", 'W' => "Ŵ", 'h' => "ĥ", 'H' => "Ĥ",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(accented);
    }
    out.push(']');
    out
}

fn pseudo_transform(text: &str) -> std::borrow::Cow<'_, str> {
    // Fluent calls this for each text element; keep whitespace-only pieces as they are.
    if text.trim().is_empty() {
        return text.into();
    }
    pseudo(text).into()
}

/// The embedded `.ftl` sources of one locale, as (file name, text), sorted by file name.
pub fn sources(locale: &str) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<_> = L10N
        .get_dir(locale)
        .map(|dir| {
            dir.files()
                .filter(|f| f.path().extension().is_some_and(|e| e == "ftl"))
                .filter_map(|f| Some((f.path().file_name()?.to_str()?, f.contents_utf8()?)))
                .collect()
        })
        .unwrap_or_default();
    out.sort_by_key(|(name, _)| *name);
    out
}

/// The user's languages as the OS reports them (LANG / LC_ALL / LC_MESSAGES on Linux), turned
/// into BCP 47 tags (`ru_RU.UTF-8` -> `ru-RU`).
pub fn os_locales() -> Vec<String> {
    sys_locale::get_locales().filter_map(|l| posix_to_bcp47(&l)).collect()
}

/// `ru_RU.UTF-8@euro` -> `ru-RU`; `C` and `POSIX` mean "no preference".
pub fn posix_to_bcp47(raw: &str) -> Option<String> {
    let base = raw.split(['.', '@']).next()?.trim();
    if base.is_empty() || base == "C" || base == "POSIX" {
        return None;
    }
    Some(base.replace('_', "-"))
}

/// Negotiate the requested languages (most preferred first) against what ships, falling back to
/// English. Unparseable tags are skipped rather than failing: they come from the environment.
pub fn negotiate<S: AsRef<str>>(requested: &[S]) -> String {
    // fluent-langneg speaks icu_locid's identifiers; fluent-bundle speaks unic-langid's.
    use fluent_langneg::{convert_vec_str_to_langids_lossy, LanguageIdentifier as NegId};
    let requested = convert_vec_str_to_langids_lossy(requested.iter().map(|r| r.as_ref()));
    let available = convert_vec_str_to_langids_lossy(AVAILABLE);
    let fallback: NegId = FALLBACK.parse().expect("fallback tag is valid");
    let chosen = negotiate_languages(
        &requested,
        &available,
        Some(&fallback),
        NegotiationStrategy::Lookup,
    );
    chosen.first().map(|l| l.to_string()).unwrap_or_else(|| FALLBACK.to_string())
}

/// A formatter for one locale, with English behind it for any message a translation lacks.
pub struct Localizer {
    locale: String,
    bundles: Vec<FluentBundle<FluentResource>>,
}

impl Localizer {
    /// Build a localizer for a locale that [`negotiate`] returned (anything else falls back to
    /// English).
    pub fn new(locale: &str) -> Self {
        if locale == PSEUDO && cfg!(debug_assertions) {
            let mut bundle = bundle_for(FALLBACK);
            bundle.set_transform(Some(pseudo_transform));
            return Localizer { locale: PSEUDO.to_string(), bundles: vec![bundle] };
        }
        let locale = if AVAILABLE.contains(&locale) { locale } else { FALLBACK };
        let mut chain = vec![locale];
        if locale != FALLBACK {
            chain.push(FALLBACK);
        }
        let bundles = chain.into_iter().map(bundle_for).collect();
        Localizer { locale: locale.to_string(), bundles }
    }

    /// Negotiate from an explicit choice (a `--lang` flag or a setting) and then the OS.
    pub fn for_user(explicit: Option<&str>) -> Self {
        if explicit == Some(PSEUDO) && cfg!(debug_assertions) {
            return Self::new(PSEUDO);
        }
        let mut requested: Vec<String> = explicit.map(|e| vec![e.to_string()]).unwrap_or_default();
        requested.extend(os_locales());
        Self::new(&negotiate(&requested))
    }

    pub fn locale(&self) -> &str {
        &self.locale
    }

    /// The language documents are best read in for this interface: the locale, except that the
    /// pseudo-locale (a test of the interface's strings) reads documents in English.
    pub fn document_language(&self) -> String {
        if self.locale == PSEUDO { "en".to_string() } else { self.locale.clone() }
    }

    /// Format a message. A missing id returns the id itself, so a gap is visible, never a panic.
    pub fn tr(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// Format a message with variables, e.g. `tr_args("library-count", &[("count", 3.into())])`.
    pub fn tr_args(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, v.clone());
        }
        self.format(id, Some(&fa))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        for bundle in &self.bundles {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = vec![];
                return bundle.format_pattern(pattern, args, &mut errors).into_owned();
            }
        }
        id.to_string()
    }
}

fn bundle_for(locale: &str) -> FluentBundle<FluentResource> {
    let langid: LanguageIdentifier = locale.parse().expect("shipped locale tags are valid");
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Unicode isolation marks protect right-to-left text in a left-to-right sentence; none of the
    // shipped locales is RTL and the marks would end up in terminal output and notifications.
    bundle.set_use_isolating(false);
    for (name, text) in sources(locale) {
        let resource = FluentResource::try_new(text.to_string())
            .unwrap_or_else(|(_, errs)| panic!("{locale}/{name} does not parse: {errs:?}"));
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errs| panic!("{locale}/{name} redefines messages: {errs:?}"));
    }
    bundle
}

pub use fluent_bundle::FluentValue as Value;

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn posix_locales_become_bcp47() {
        assert_eq!(posix_to_bcp47("ru_RU.UTF-8").as_deref(), Some("ru-RU"));
        assert_eq!(posix_to_bcp47("fr_FR@euro").as_deref(), Some("fr-FR"));
        assert_eq!(posix_to_bcp47("C"), None, "the C locale expresses no language");
    }

    #[test]
    fn negotiation_prefers_the_first_shipped_language_and_falls_back_to_english() {
        assert_eq!(negotiate(&["ru-RU", "en-US"]), "ru");
        assert_eq!(negotiate(&["de-DE", "es-MX"]), "es", "an unshipped language is skipped");
        assert_eq!(negotiate(&["de-DE"]), "en", "nothing shipped matches: English");
        assert_eq!(negotiate::<&str>(&[]), "en");
        assert_eq!(negotiate(&["not a tag!", "fr"]), "fr", "garbage tags are ignored");
    }
}
