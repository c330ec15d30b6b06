//! An invitation to join a network, given as a link (#19 item 6): fetched over https (or plain
//! http to this machine only, as network.toml allows), at most 16 KiB, a captive portal's page
//! refused, through the proxy the user set. What it says is checked by
//! [`peerlib_feed::network::Network::parse_invitation`] before anyone is asked to join.

use crate::cancel::Cancel;
use crate::http::{Expect, FetchError, Fetched};
use peerlib_feed::network::{is_loopback_http, MAX_INVITATION};

pub async fn fetch(url: &str, proxy: Option<&str>, cancel: &Cancel) -> Result<String, FetchError> {
    let url = url.trim();
    if !url.starts_with("https://") && !is_loopback_http(url) {
        return Err(FetchError::BadUrl(url.to_string()));
    }
    let http = crate::update::http_for(url, proxy)?;
    match http.get(url, None, Expect::Feed, MAX_INVITATION as u64, cancel).await? {
        Fetched::Body { bytes, .. } => String::from_utf8(bytes).map_err(|_| FetchError::Interrupted("not text".into())),
        Fetched::NotModified => Err(FetchError::Interrupted("not modified".into())),
    }
}
