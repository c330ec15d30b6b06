//! The user's settings: one typed [`Settings`] with its defaults and its validation, read and
//! written whole by [`UserStore::settings`] and [`UserStore::set_settings`]. The window, the
//! shell's background loop and the command line all read them here, so `peerlib list` and the
//! window show the same translation of each document.
//!
//! Kept in user.db's `settings` table, one row a field (the keys below), so that a setting added
//! later needs no migration: a missing row is the default.
//!
//! To add a setting: a field here with its default in `Default`, its check in `validate`, a key
//! constant with its line in `settings` and in `set_settings`, and its control in
//! ui/src/lib/settings/SettingsView.svelte.

use crate::{StoreError, UserStore};
use serde::{Deserialize, Serialize};

const INTERVAL: &str = "sync_interval_minutes";
const BUDGET: &str = "attachment_budget_mb";
const NOTIFY: &str = "notifications";
const KEEP: &str = "keep_in_background";
const LANGUAGE: &str = "interface_language";
const CONTENT_LANGUAGES: &str = "content_languages";
const PROXY: &str = "proxy";
const DISCREET: &str = "discreet";
const PANIC_ERASE: &str = "panic_erase";
const CHECK_UPDATES: &str = "check_updates";
const LOCK_IDLE: &str = "lock_idle_minutes";

/// The shortest and longest idle time before encrypted personal data locks itself, in minutes.
pub const LOCK_IDLE_RANGE: std::ops::RangeInclusive<u32> = 1..=24 * 60;

/// The shortest and longest interval between background syncs, in minutes.
pub const INTERVAL_RANGE: std::ops::RangeInclusive<u32> = 5..=24 * 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Settings {
    /// Minutes between background syncs.
    pub sync_interval_minutes: u32,
    /// Most megabytes of attachments to keep; null = no limit.
    pub attachment_budget_mb: Option<u32>,
    /// "N new documents" notifications.
    pub notifications: bool,
    /// Closing the window keeps syncing from the tray.
    pub keep_in_background: bool,
    /// The interface language chosen in Settings; null: the system's.
    pub interface_language: Option<String>,
    /// Document languages, most preferred first, for choosing which translation to show; empty
    /// means the interface language, then English.
    pub content_languages: Vec<String>,
    /// The proxy every sync goes through (`socks5h://127.0.0.1:9050` for Tor, `http://…`);
    /// null: the environment's (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY), else none.
    pub proxy: Option<String>,
    /// Discreet mode (#18): a neutral name, icon and window title, notifications and a tray
    /// that name nothing, and no announcement on the local network.
    pub discreet: bool,
    /// Panic erase (#18): "Erase my personal data" offered in the window and the tray (off by
    /// default: a button that destroys data is not put in everyone's way).
    pub panic_erase: bool,
    /// Look for a newer version of the app on the network's host during background syncs, at
    /// most once a day (#19); never when off.
    pub check_updates: bool,
    /// Lock encrypted personal data after this many minutes without a key press or a click in
    /// the window (#18 item 3); null: only when asked. Nothing to lock while not encrypted.
    pub lock_idle_minutes: Option<u32>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            sync_interval_minutes: 30,
            attachment_budget_mb: None,
            notifications: true,
            keep_in_background: true,
            interface_language: None,
            content_languages: vec![],
            proxy: None,
            discreet: false,
            panic_erase: false,
            check_updates: true,
            lock_idle_minutes: None,
        }
    }
}

/// A proxy address the sync can use: `http`, `https`, `socks5` or `socks5h` (names resolved by
/// the proxy: what Tor needs), a host, an optional port, nothing after it.
pub fn is_proxy_url(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once("://") else { return false };
    let hostport = rest.strip_suffix('/').unwrap_or(rest);
    let hostport = hostport.rsplit_once('@').map_or(hostport, |(_, h)| h);
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => (h, Some(p)),
        _ => (hostport, None),
    };
    matches!(scheme, "http" | "https" | "socks5" | "socks5h")
        && s.len() <= 300
        && !host.is_empty()
        && host.chars().all(|c| c.is_ascii_alphanumeric() || ".-[]:".contains(c))
        && port.is_none_or(|p| p.parse::<u16>().is_ok_and(|p| p > 0))
}

/// A BCP 47 tag as documents carry them ("ru", "pt-BR"): letters, digits and hyphens.
pub fn is_language_tag(s: &str) -> bool {
    !s.is_empty() && s.len() <= 35 && s.split('-').all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

impl Settings {
    /// Every field within its range; the first one that is not is named.
    pub fn validate(&self) -> Result<(), StoreError> {
        let bad = |field: &'static str| Err(StoreError::InvalidSetting(field));
        if !INTERVAL_RANGE.contains(&self.sync_interval_minutes) {
            return bad(INTERVAL);
        }
        if self.attachment_budget_mb == Some(0) {
            return bad(BUDGET);
        }
        if self.interface_language.as_deref().is_some_and(|l| !is_language_tag(l)) {
            return bad(LANGUAGE);
        }
        if self.content_languages.len() > 20 || !self.content_languages.iter().all(|l| is_language_tag(l)) {
            return bad(CONTENT_LANGUAGES);
        }
        if self.proxy.as_deref().is_some_and(|p| !is_proxy_url(p)) {
            return bad(PROXY);
        }
        if self.lock_idle_minutes.is_some_and(|m| !LOCK_IDLE_RANGE.contains(&m)) {
            return bad(LOCK_IDLE);
        }
        Ok(())
    }

    /// The attachment budget in bytes (none: no limit).
    pub fn attachment_budget_bytes(&self) -> Option<u64> {
        self.attachment_budget_mb.map(|mb| u64::from(mb) * 1_000_000)
    }

    /// Languages to read documents in, most preferred first: the order chosen in Settings, else
    /// `interface` (the interface language), then English.
    pub fn document_languages(&self, interface: &str) -> Vec<String> {
        if !self.content_languages.is_empty() {
            return self.content_languages.clone();
        }
        let mut v = vec![interface.to_string()];
        if interface != "en" {
            v.push("en".into());
        }
        v
    }
}

/// The settings table's rows for `s`, as `set_settings` writes them. Their keys are every key of
/// the table that is a setting (it also holds flags such as "told_background").
pub(crate) fn rows(s: &Settings) -> [(&'static str, String); 11] {
    let flag = |b: bool| if b { "on" } else { "off" };
    [
        (INTERVAL, s.sync_interval_minutes.to_string()),
        (BUDGET, s.attachment_budget_mb.map(|mb| mb.to_string()).unwrap_or_default()),
        (NOTIFY, flag(s.notifications).into()),
        (KEEP, flag(s.keep_in_background).into()),
        (LANGUAGE, s.interface_language.clone().unwrap_or_default()),
        (CONTENT_LANGUAGES, s.content_languages.join(",")),
        (PROXY, s.proxy.clone().unwrap_or_default()),
        (DISCREET, flag(s.discreet).into()),
        (PANIC_ERASE, flag(s.panic_erase).into()),
        (CHECK_UPDATES, flag(s.check_updates).into()),
        (LOCK_IDLE, s.lock_idle_minutes.map(|m| m.to_string()).unwrap_or_default()),
    ]
}

impl UserStore {
    /// The settings, each missing or unreadable value at its default (a value written by a
    /// newer version that this one cannot read is not an error: the default serves).
    pub fn settings(&self) -> Result<Settings, StoreError> {
        let d = Settings::default();
        let on = |v: Option<String>, default: bool| match v.as_deref() {
            Some("on") => true,
            Some("off") => false,
            _ => default,
        };
        let tag = |v: Option<String>| v.filter(|s| is_language_tag(s));
        Ok(Settings {
            sync_interval_minutes: self
                .setting(INTERVAL)?
                .and_then(|v| v.parse().ok())
                .filter(|m| INTERVAL_RANGE.contains(m))
                .unwrap_or(d.sync_interval_minutes),
            attachment_budget_mb: self.setting(BUDGET)?.and_then(|v| v.parse().ok()).filter(|mb| *mb > 0),
            notifications: on(self.setting(NOTIFY)?, d.notifications),
            keep_in_background: on(self.setting(KEEP)?, d.keep_in_background),
            interface_language: tag(self.setting(LANGUAGE)?),
            content_languages: self
                .setting(CONTENT_LANGUAGES)?
                .unwrap_or_default()
                .split(',')
                .map(str::trim)
                .filter(|s| is_language_tag(s))
                .map(String::from)
                .collect(),
            proxy: self.setting(PROXY)?.filter(|p| is_proxy_url(p)),
            discreet: on(self.setting(DISCREET)?, d.discreet),
            panic_erase: on(self.setting(PANIC_ERASE)?, d.panic_erase),
            check_updates: on(self.setting(CHECK_UPDATES)?, d.check_updates),
            lock_idle_minutes: self.setting(LOCK_IDLE)?.and_then(|v| v.parse().ok()).filter(|m| LOCK_IDLE_RANGE.contains(m)),
        })
    }

    /// Validate and save every setting in one transaction: all are written or none.
    pub fn set_settings(&mut self, s: &Settings) -> Result<(), StoreError> {
        s.validate()?;
        let tx = self.conn.transaction()?;
        for (key, value) in rows(s) {
            tx.execute(
                "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                rusqlite::params![key, value],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_user_store_has_the_defaults() {
        let u = UserStore::open_in_memory().unwrap();
        assert_eq!(u.settings().unwrap(), Settings::default());
    }

    #[test]
    fn settings_round_trip_whole() {
        let mut u = UserStore::open_in_memory().unwrap();
        let s = Settings {
            sync_interval_minutes: 90,
            attachment_budget_mb: Some(250),
            notifications: false,
            keep_in_background: false,
            interface_language: Some("ru".into()),
            content_languages: vec!["fr".into(), "pt-BR".into()],
            proxy: Some("socks5h://127.0.0.1:9050".into()),
            discreet: true,
            panic_erase: true,
            check_updates: false,
            lock_idle_minutes: Some(15),
        };
        u.set_settings(&s).unwrap();
        assert_eq!(u.settings().unwrap(), s, "what is saved is what is read");
        u.set_settings(&Settings::default()).unwrap();
        assert_eq!(u.settings().unwrap(), Settings::default(), "the defaults can be saved back");
    }

    #[test]
    fn an_invalid_setting_is_refused_and_nothing_is_written() {
        let mut u = UserStore::open_in_memory().unwrap();
        let good = Settings { sync_interval_minutes: 60, ..Default::default() };
        u.set_settings(&good).unwrap();
        for bad in [
            Settings { sync_interval_minutes: 4, notifications: false, ..Default::default() },
            Settings { sync_interval_minutes: 24 * 60 + 1, ..Default::default() },
            Settings { attachment_budget_mb: Some(0), ..Default::default() },
            Settings { interface_language: Some("../../x".into()), ..Default::default() },
            Settings { content_languages: vec!["fr".into(), "<b>".into()], ..Default::default() },
            Settings { content_languages: vec!["en".into(); 21], ..Default::default() },
            Settings { proxy: Some("ftp://proxy.example".into()), ..Default::default() },
            Settings { lock_idle_minutes: Some(0), ..Default::default() },
            Settings { lock_idle_minutes: Some(24 * 60 + 1), ..Default::default() },
            Settings { proxy: Some("socks5h://127.0.0.1:9050/path?x".into()), ..Default::default() },
            Settings { proxy: Some("socks5://:0".into()), ..Default::default() },
        ] {
            let err = u.set_settings(&bad).unwrap_err();
            assert_eq!(err.code(), "invalid-argument", "{bad:?}");
            assert_eq!(u.settings().unwrap(), good, "a refused change writes nothing: {bad:?}");
        }
    }

    #[test]
    fn proxies_that_a_sync_can_use_are_accepted() {
        for ok in ["socks5h://127.0.0.1:9050", "socks5://localhost:1080/", "http://proxy.example:3128", "https://user:pw@proxy.example", "http://[::1]:8080"] {
            assert!(is_proxy_url(ok), "{ok}");
        }
        for bad in ["127.0.0.1:9050", "ftp://x", "socks5h://", "http://proxy example", "http://p:99999", "http://p/x"] {
            assert!(!is_proxy_url(bad), "{bad}");
        }
    }

    #[test]
    fn values_this_version_cannot_read_fall_back_to_the_defaults() {
        let u = UserStore::open_in_memory().unwrap();
        u.set_setting(INTERVAL, "often").unwrap();
        u.set_setting(NOTIFY, "maybe").unwrap();
        u.set_setting(BUDGET, "0").unwrap();
        u.set_setting(CONTENT_LANGUAGES, "fr, ,<x>,es").unwrap();
        let s = u.settings().unwrap();
        assert_eq!(s.sync_interval_minutes, 30);
        assert!(s.notifications);
        assert_eq!(s.attachment_budget_mb, None);
        assert_eq!(s.content_languages, vec!["fr", "es"]);
    }

    #[test]
    fn document_languages_are_the_chosen_order_else_the_interface_then_english() {
        let mut s = Settings::default();
        assert_eq!(s.document_languages("ru"), vec!["ru", "en"]);
        assert_eq!(s.document_languages("en"), vec!["en"]);
        s.content_languages = vec!["es".into(), "fr".into()];
        assert_eq!(s.document_languages("ru"), vec!["es", "fr"]);
    }
}
