//! What a signed sync will do, decided by a pure function from what the library holds and what
//! the new manifest lists, before anything is fetched or written.

use peerlib_feed::manifest::{DocumentEntry, Manifest};
use std::collections::{BTreeMap, BTreeSet};

/// The documents a source holds: id -> (version, sha256 of the document file it came from).
pub type Held = BTreeMap<String, (i64, Option<String>)>;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    /// New or changed documents to fetch, in manifest order.
    pub fetch: Vec<DocumentEntry>,
    /// Ids held that the manifest no longer lists.
    pub delete: Vec<String>,
    /// Documents held unchanged.
    pub unchanged: usize,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.fetch.is_empty() && self.delete.is_empty()
    }

    /// True when applying would delete more than half of what the source holds: held back until
    /// the user confirms (a publisher's mistake or an attack must not empty a laptop).
    pub fn is_mass_delete(&self, held: usize) -> bool {
        held > 0 && self.delete.len() * 2 > held
    }
}

/// Why a manifest cannot be planned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("the manifest lists document {0} twice")]
    DuplicateId(String),
    #[error("the manifest's seq {new} is older than the {held} already applied (a rollback)")]
    Rollback { held: i64, new: i64 },
    #[error("the manifest reuses seq {seq} with other content than the one already applied")]
    SameSeqOtherContent { seq: i64 },
    #[error("the manifest's seq {new} jumps more than {MAX_SEQ_STEP} past the {held} already applied")]
    SeqJump { held: i64, new: i64 },
}

/// The furthest a seq may move forward in one step. `publish` adds one per run; a key that
/// signed seq 2^62 would otherwise turn every later genuine manifest into a "rollback" and
/// freeze the library for good. 100,000 is a publish every ten minutes for two years.
pub const MAX_SEQ_STEP: i64 = 100_000;

/// Check a verified manifest's seq against the one held: the same seq must be the same bytes
/// (a signed seq reused with other content is an equivocation: two libraries claiming to be one
/// version), and a newer seq may move at most `MAX_SEQ_STEP` ahead. Rollbacks are `plan`'s.
pub fn check_seq(held_seq: Option<i64>, held_manifest: Option<&str>, seq: i64, manifest_sha: &str) -> Result<(), PlanError> {
    let Some(held) = held_seq else { return Ok(()) };
    if seq == held && held_manifest.is_some_and(|h| h != manifest_sha) {
        return Err(PlanError::SameSeqOtherContent { seq });
    }
    if seq > held && (seq as i128) - (held as i128) > MAX_SEQ_STEP as i128 {
        return Err(PlanError::SeqJump { held, new: seq });
    }
    Ok(())
}

/// Diff a verified manifest against the held set. A document is fetched when it is new or its
/// sha256 differs from the one held (a version bump changes the bytes, so the hash decides).
pub fn plan(held: &Held, held_seq: Option<i64>, manifest: &Manifest) -> Result<Plan, PlanError> {
    if let Some(h) = held_seq.filter(|h| manifest.seq < *h) {
        return Err(PlanError::Rollback { held: h, new: manifest.seq });
    }
    let mut seen = BTreeSet::new();
    let mut out = Plan::default();
    for d in &manifest.documents {
        if !seen.insert(d.id.as_str()) {
            return Err(PlanError::DuplicateId(d.id.clone()));
        }
        match held.get(&d.id) {
            Some((_, Some(sha))) if *sha == d.sha256 => out.unchanged += 1,
            _ => out.fetch.push(d.clone()),
        }
    }
    out.delete = held.keys().filter(|id| !seen.contains(id.as_str())).cloned().collect();
    Ok(out)
}

/// What a part of a feed (a bundle of some documents, #20) adds and updates: the documents it
/// holds (`present`) that the library does not hold as these bytes, never of a lower version than
/// the one held, and only those newer than the library's: from a manifest older than the one applied (`held_seq`), only a document that
/// the library's own manifest (`held_manifest`) lists as exactly these bytes. Never a deletion.
pub fn plan_part(held: &Held, held_seq: Option<i64>, held_manifest: Option<&Manifest>, manifest: &Manifest, present: impl Fn(&str) -> bool) -> Plan {
    let newer = held_seq.is_none_or(|h| manifest.seq >= h);
    let listed_as = |id: &str, sha: &str| held_manifest.is_some_and(|m| m.documents.iter().any(|d| d.id == id && d.sha256 == sha));
    let mut out = Plan::default();
    for e in &manifest.documents {
        let same = held.get(&e.id).and_then(|(_, h)| h.as_deref()) == Some(e.sha256.as_str());
        // A higher version held (brought by another part, from a later seq than the library's)
        // is never replaced by a lower one. Versions are the publisher's word and often stay
        // the same across edits: for equal versions the seq rules decide.
        let older = held.get(&e.id).is_some_and(|(v, _)| *v > e.version);
        if same {
            out.unchanged += 1;
        } else if present(&e.path) && !older && (newer || listed_as(&e.id, &e.sha256)) {
            out.fetch.push(e.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seq_reused_with_other_bytes_or_leaping_ahead_is_refused() {
        assert_eq!(check_seq(None, None, 7, "a"), Ok(()), "nothing held: any seq");
        assert_eq!(check_seq(Some(7), Some("a"), 7, "a"), Ok(()), "the same manifest again");
        assert_eq!(check_seq(Some(7), None, 7, "b"), Ok(()), "a library from before the hash was kept");
        assert_eq!(check_seq(Some(7), Some("a"), 7, "b"), Err(PlanError::SameSeqOtherContent { seq: 7 }));
        assert_eq!(check_seq(Some(7), Some("a"), 7 + MAX_SEQ_STEP, "b"), Ok(()), "the longest step");
        assert_eq!(check_seq(Some(7), Some("a"), 8 + MAX_SEQ_STEP, "b"), Err(PlanError::SeqJump { held: 7, new: 8 + MAX_SEQ_STEP }));
        assert_eq!(check_seq(Some(7), Some("a"), i64::MAX, "b"), Err(PlanError::SeqJump { held: 7, new: i64::MAX }));
        assert_eq!(check_seq(Some(i64::MIN), None, i64::MAX, "b"), Err(PlanError::SeqJump { held: i64::MIN, new: i64::MAX }), "no overflow");
    }
    use peerlib_feed::manifest::{Publisher, FORMAT};

    fn entry(id: &str, sha: &str) -> DocumentEntry {
        DocumentEntry { id: id.into(), version: 1, sha256: sha.into(), size: 1, path: format!("documents/{sha}.json") }
    }

    fn manifest(seq: i64, docs: &[(&str, &str)]) -> Manifest {
        Manifest {
            format: FORMAT.into(),
            seq,
            issued_at: String::new(),
            expires_at: String::new(),
            publisher: Publisher { name: "N".into(), key_id: "K".into() },
            documents: docs.iter().map(|(i, s)| entry(i, s)).collect(),
            attachments: vec![],
        }
    }

    fn held(docs: &[(&str, &str)]) -> Held {
        docs.iter().map(|(i, s)| (i.to_string(), (1, Some(s.to_string())))).collect()
    }

    #[test]
    fn only_new_and_changed_documents_are_fetched_and_missing_ones_deleted() {
        let h = held(&[("a", "1"), ("b", "2"), ("c", "3")]);
        let p = plan(&h, Some(4), &manifest(5, &[("a", "1"), ("b", "9"), ("d", "4")])).unwrap();
        assert_eq!(p.fetch.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["b", "d"]);
        assert_eq!(p.delete, ["c"]);
        assert_eq!(p.unchanged, 1);
        assert!(!p.is_mass_delete(h.len()));
    }

    #[test]
    fn a_part_takes_only_what_is_newer_than_the_library_and_never_a_lower_version() {
        let all = |_: &str| true;
        let h = held(&[("a", "1"), ("b", "2")]);
        let applied = manifest(10, &[("a", "1"), ("b", "2")]);
        // From seq 12: b changed and c is new; nothing is deleted.
        let p = plan_part(&h, Some(10), Some(&applied), &manifest(12, &[("b", "9"), ("c", "3")]), all);
        assert_eq!(p.fetch.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["b", "c"]);
        assert!(p.delete.is_empty());
        // Only what the bundle holds.
        let p = plan_part(&h, Some(10), Some(&applied), &manifest(12, &[("b", "9"), ("c", "3")]), |path| path.contains('3'));
        assert_eq!(p.fetch.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["c"]);
        // From seq 8, older than the library: only a document the library's own manifest lists
        // as exactly those bytes (and lacks); not an old b, not a c withdrawn since.
        let lacking = held(&[("a", "1")]);
        let p = plan_part(&lacking, Some(10), Some(&applied), &manifest(8, &[("b", "2"), ("c", "3")]), all);
        assert_eq!(p.fetch.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["b"]);
        let p = plan_part(&h, Some(10), Some(&applied), &manifest(8, &[("b", "7")]), all);
        assert!(p.fetch.is_empty(), "an older b is not taken");
        // A version 5 of b brought by a part from seq 15 is not replaced by version 4 from seq 12.
        let mut v5 = held(&[("a", "1"), ("b", "5")]);
        v5.get_mut("b").unwrap().0 = 5;
        let mut m12 = manifest(12, &[("b", "4")]);
        m12.documents[0].version = 4;
        assert!(plan_part(&v5, Some(10), Some(&applied), &m12, all).fetch.is_empty());
    }

    #[test]
    fn the_same_manifest_plans_nothing() {
        let h = held(&[("a", "1"), ("b", "2")]);
        let p = plan(&h, Some(5), &manifest(5, &[("a", "1"), ("b", "2")])).unwrap();
        assert!(p.is_empty());
    }

    #[test]
    fn a_document_held_without_a_hash_is_fetched_again() {
        let mut h = held(&[("a", "1")]);
        h.get_mut("a").unwrap().1 = None;
        assert_eq!(plan(&h, None, &manifest(1, &[("a", "1")])).unwrap().fetch.len(), 1);
    }

    #[test]
    fn rollbacks_duplicates_and_mass_deletes_are_caught() {
        let h = held(&[("a", "1"), ("b", "2"), ("c", "3")]);
        assert_eq!(plan(&h, Some(7), &manifest(6, &[])), Err(PlanError::Rollback { held: 7, new: 6 }));
        assert_eq!(plan(&h, None, &manifest(1, &[("x", "1"), ("x", "2")])), Err(PlanError::DuplicateId("x".into())));
        let p = plan(&h, Some(7), &manifest(8, &[("a", "1")])).unwrap();
        assert!(p.is_mass_delete(h.len()), "2 of 3 is more than half");
        let p = plan(&h, Some(7), &manifest(8, &[("a", "1"), ("b", "2")])).unwrap();
        assert!(!p.is_mass_delete(h.len()), "1 of 3 is not");
        assert!(!Plan::default().is_mass_delete(0));
    }
}
