//! Errors on the wire: `{code, message}`. The UI branches on `code` (the closed [`ErrorCode`],
//! exported to TypeScript; each has an `error-<code>` message in resources/l10n) and shows
//! `message`, already in the user's language. Nothing personal and no file path goes into either.

use peerlib_code::ErrorCode;
use peerlib_l10n::Localizer;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq, ts_rs::TS)]
#[ts(export)]
pub struct WireError {
    pub code: ErrorCode,
    pub message: String,
}

impl WireError {
    pub fn new(code: ErrorCode, l10n: &Localizer) -> Self {
        WireError { code, message: l10n.tr(&code.message_id()) }
    }
}

impl std::fmt::Display for WireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}
