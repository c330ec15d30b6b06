//! Where a sync may connect (#17 item 7). Feeds name addresses, and so do images in bodies and
//! redirects: an image URL made a GET to a loopback "router" page, and an http website feed
//! redirecting to a loopback address was followed and stored. A sync connects only to public
//! addresses, checked after name resolution (so a name that resolves to 127.0.0.1 is refused too)
//! and on every redirect. The one exception is each subscribed feed's own origin (scheme, host
//! and port), so that a network's local mirror or a laptop nearby still works; it does not extend
//! to other ports or paths' hosts.
//!
//! Two gates, because reqwest resolves names itself and never resolves an IP literal:
//! - [`refused`], on every address before it is asked and on every redirect: an IP literal must be
//!   public, and a name that is a feed's own host (allowed to resolve anywhere) is accepted only
//!   at that feed's own origin;
//! - [`PublicResolver`], reqwest's resolver: a name's private addresses are dropped unless the name
//!   is a feed's own host (or the proxy's), so DNS rebinding cannot reach the LAN.
//!
//! Through a proxy the proxy resolves the target's name; what it can reach is the proxy's
//! business (docs/security.md).

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use url::{Host, Url};

/// Whether an address is on the public internet: not loopback, private (RFC 1918, RFC 4193),
/// link-local, carrier-grade NAT (RFC 6598), unspecified, broadcast, multicast, documentation or
/// benchmarking ranges, and not an IPv6 address that wraps one of those.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public_v4(v4);
            }
            let s = v6.segments();
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00 // unique local fc00::/7
                || (s[0] & 0xffc0) == 0xfe80 // link-local fe80::/10
                || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
                || (s[0] == 0x0064 && s[1] == 0xff9b) // NAT64: may wrap a private IPv4
                || (s[0] == 0 && s[1] == 0 && s[2] == 0 && s[3] == 0 && s[4] == 0 && s[5] == 0)) // IPv4-compatible
        }
    }
}

fn is_public_v4(v4: Ipv4Addr) -> bool {
    let o = v4.octets();
    !(v4.is_loopback()
        || v4.is_private()
        || v4.is_link_local()
        || v4.is_unspecified()
        || v4.is_broadcast()
        || v4.is_multicast()
        || v4.is_documentation()
        || o[0] == 0
        || (o[0] == 100 && (o[1] & 0xc0) == 64) // 100.64.0.0/10
        || (o[0] == 198 && (o[1] & 0xfe) == 18) // 198.18.0.0/15
        || o[0] >= 240)
}

/// The origins a sync may reach whatever their addresses: each subscribed feed's own.
#[derive(Debug, Clone, Default)]
pub struct OwnOrigins {
    origins: Vec<(String, String, u16)>,
    /// Their hosts, asked of on every request.
    hosts: HashSet<String>,
}

impl OwnOrigins {
    pub fn of<'a>(feed_urls: impl IntoIterator<Item = &'a str>) -> OwnOrigins {
        let origins: Vec<_> = feed_urls.into_iter().filter_map(|u| Url::parse(u).ok()).filter_map(|u| origin(&u)).collect();
        let hosts = origins.iter().map(|(_, h, _)| h.clone()).collect();
        OwnOrigins { origins, hosts }
    }

    fn contains(&self, url: &Url) -> bool {
        origin(url).is_some_and(|o| self.origins.contains(&o))
    }
}

fn origin(u: &Url) -> Option<(String, String, u16)> {
    Some((u.scheme().to_string(), u.host_str()?.to_ascii_lowercase(), u.port_or_known_default()?))
}

/// Why the sync must not ask `url`, if it must not.
pub fn refused(url: &Url, own: &OwnOrigins) -> Option<String> {
    if own.contains(url) {
        return None;
    }
    match url.host() {
        Some(Host::Ipv4(ip)) if !is_public(IpAddr::V4(ip)) => Some(format!("{ip} is not a public address")),
        Some(Host::Ipv6(ip)) if !is_public(IpAddr::V6(ip)) => Some(format!("{ip} is not a public address")),
        Some(Host::Domain(d)) => {
            let d = d.to_ascii_lowercase();
            if d == "localhost" || d.ends_with(".localhost") {
                Some(format!("{d} is this computer"))
            } else if own.hosts.contains(&d) {
                // The feed's host may resolve to a private address; its other ports may not be asked.
                Some(format!("{d} is asked only at its feed's own port"))
            } else {
                None
            }
        }
        None => Some("no host".into()),
        _ => None,
    }
}

/// The error the resolver gives for a name with only private addresses.
#[derive(Debug, thiserror::Error)]
#[error("{0} resolves to no public address")]
pub struct NotPublic(pub String);

/// reqwest's resolver: the system's, with every non-public address dropped, except for names that
/// may resolve anywhere (the feeds' own hosts, the proxy's).
#[derive(Debug, Clone)]
pub struct PublicResolver {
    anywhere: Arc<HashSet<String>>,
}

impl PublicResolver {
    pub fn new(own: &OwnOrigins, proxies: impl IntoIterator<Item = String>) -> PublicResolver {
        let mut anywhere = own.hosts.clone();
        anywhere.extend(proxies.into_iter().map(|h| h.to_ascii_lowercase()));
        PublicResolver { anywhere: Arc::new(anywhere) }
    }
}

impl reqwest::dns::Resolve for PublicResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_ascii_lowercase();
        let anywhere = self.anywhere.contains(&host);
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let kept: Vec<SocketAddr> = found.into_iter().filter(|a| anywhere || is_public(a.ip())).collect();
            if kept.is_empty() {
                return Err(Box::new(NotPublic(host)) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(kept.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// The host of a proxy address.
pub fn host_of(proxy: &str) -> Option<String> {
    Url::parse(proxy).ok().and_then(|u| u.host_str().map(|h| h.trim_start_matches('[').trim_end_matches(']').to_string()))
}

/// The hosts of the proxies the environment names (a proxy on this computer must stay reachable).
pub fn proxy_hosts() -> Vec<String> {
    ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .filter_map(|v| Url::parse(&v).ok().and_then(|u| u.host_str().map(str::to_string)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_are_public() {
        for private in ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "255.255.255.255", "::1", "fe80::1", "fd00::1", "::ffff:192.168.1.1", "::ffff:127.0.0.1", "64:ff9b::a00:1"] {
            assert!(!is_public(private.parse().unwrap()), "{private} is not public");
        }
        for public in ["1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "::ffff:1.1.1.1"] {
            assert!(is_public(public.parse().unwrap()), "{public} is public");
        }
    }

    #[test]
    fn a_feeds_own_origin_is_the_only_exception() {
        let own = OwnOrigins::of(["http://127.0.0.1:8080/feed/", "https://mirror.lan/"]);
        let u = |s: &str| Url::parse(s).unwrap();
        assert_eq!(refused(&u("http://127.0.0.1:8080/feed/manifest.json"), &own), None, "the feed's own origin");
        assert!(refused(&u("http://127.0.0.1:8081/router"), &own).is_some(), "another port of the same address");
        assert!(refused(&u("https://127.0.0.1:8080/x"), &own).is_some(), "another scheme");
        assert!(refused(&u("http://192.168.1.1/admin"), &own).is_some());
        assert!(refused(&u("https://[::1]/x"), &own).is_some());
        assert!(refused(&u("https://localhost/x"), &own).is_some());
        assert_eq!(refused(&u("https://mirror.lan/files/x"), &own), None, "a named mirror, at its origin");
        assert!(refused(&u("https://mirror.lan:8443/x"), &own).is_some(), "the mirror's other ports");
        assert_eq!(refused(&u("https://images.example/x.png"), &own), None, "a name: its addresses are checked when resolved");
    }
}
