//! Errors on the wire: `{code, message}`. The UI branches on `code` (a closed set, each with an
//! `error-<code>` message in resources/l10n) and shows `message`, already in the user's language.
//! Nothing personal and no file path goes into either.

use peerlib_l10n::Localizer;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct WireError {
    pub code: &'static str,
    pub message: String,
}

impl WireError {
    pub fn new(code: &'static str, l10n: &Localizer) -> Self {
        WireError { code, message: l10n.tr(&format!("error-{code}")) }
    }
}

impl std::fmt::Display for WireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}
