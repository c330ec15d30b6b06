//! A manifest as a server (or a stolen key) could sign it: every input is signed with a key the
//! target pins, so the fuzzer reaches the structural checks and the plan behind the signature.
//! Invariant: verification and planning never panic, and an accepted manifest lists each
//! document once with a well-formed hash and path.
#![no_main]
use libfuzzer_sys::fuzz_target;
use peerlib_feed::manifest::{verify_manifest, PinnedKey};
use std::sync::OnceLock;

fn key() -> &'static (minisign::SecretKey, PinnedKey) {
    static KEY: OnceLock<(minisign::SecretKey, PinnedKey)> = OnceLock::new();
    KEY.get_or_init(|| {
        let pair = minisign::KeyPair::generate_unencrypted_keypair().expect("a key");
        let pinned = PinnedKey::parse(&pair.pk.to_base64()).expect("its public half parses");
        (pair.sk, pinned)
    })
}

fuzz_target!(|data: &[u8]| {
    let (sk, pinned) = key();
    let Ok(sig) = minisign::sign(None, sk, std::io::Cursor::new(data), Some("seq:1 file:manifest.json"), None) else { return };
    if let Ok(m) = verify_manifest(data, &sig.to_string(), std::slice::from_ref(pinned)) {
        let mut ids = std::collections::HashSet::new();
        for d in &m.documents {
            assert!(ids.insert(d.id.clone()), "an accepted manifest lists {} once", d.id);
            assert_eq!(d.path, format!("documents/{}.json", d.sha256));
        }
        let held = peerlib_sync::plan::Held::new();
        let _ = peerlib_sync::plan::plan(&held, Some(1), &m);
        let _ = peerlib_sync::plan::check_seq(Some(1), Some("x"), m.seq, "y");
    }
    // The unsigned path too: any bytes as a signature file.
    let _ = verify_manifest(data, &String::from_utf8_lossy(data), std::slice::from_ref(pinned));
});
