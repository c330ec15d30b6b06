//! A file sealed with a passphrase (#18): the personal data a person takes to a new laptop is
//! never written in the clear. The key is derived from the passphrase with Argon2id (RFC 9106)
//! and a random salt; the bytes are encrypted and authenticated with XChaCha20-Poly1305, whose
//! 24-byte random nonce cannot repeat by chance. The header (format, parameters, salt, nonce) is
//! authenticated too, so a changed byte anywhere is refused rather than misread.
//!
//! Layout: `MAGIC` | version (1) | m_cost KiB (u32 LE) | t_cost (u32 LE) | lanes (u32 LE) |
//! salt (16) | nonce (24) | ciphertext with its 16-byte tag.
//!
//! The parameters are read from the file, so a stronger setting later still opens older files;
//! a file asking for more than `MAX_M_COST` or `MAX_T_COST` is refused before any work, so that a
//! hostile file cannot make the app allocate gigabytes or spin for minutes.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

const MAGIC: &[u8] = b"PEERLIB-SEALED\n";
const VERSION: u8 = 1;
const SALT: usize = 16;
const NONCE: usize = 24;
const HEADER: usize = MAGIC.len() + 1 + 12 + SALT + NONCE;

/// Argon2id's memory (KiB), passes and lanes for new files: RFC 9106's second recommended
/// option (64 MiB, 3 passes, 4 lanes). Measured on the 2-core test machine in a release build:
/// docs/benchmarks.md ("Sealing personal data").
pub const M_COST: u32 = 64 * 1024;
pub const T_COST: u32 = 3;
pub const LANES: u32 = 4;

/// The most a file may ask for: 4x the memory and passes new files use.
const MAX_M_COST: u32 = 256 * 1024;
const MAX_T_COST: u32 = 12;
const MAX_LANES: u32 = 16;

/// The shortest passphrase accepted for a new file.
pub const MIN_PASSPHRASE: usize = 8;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SealError {
    /// Not a sealed file of ours, or one whose header is damaged or asks too much.
    #[error("not a sealed Peer Library file")]
    NotSealed,
    /// The passphrase does not open it, or the file was changed after it was sealed: the two
    /// cannot be told apart, by design.
    #[error("wrong passphrase, or the file was changed")]
    WrongPassphrase,
    /// A new file's passphrase is shorter than `MIN_PASSPHRASE` characters.
    #[error("passphrase too short")]
    ShortPassphrase,
}

/// Argon2id(passphrase, salt) with these parameters: 32 bytes, wiped when dropped (crypt.rs keys
/// user.db with it too).
pub(crate) fn derive(passphrase: &str, salt: &[u8], m: u32, t: u32, p: u32) -> Result<Zeroizing<[u8; 32]>, SealError> {
    let params = Params::new(m, t, p, Some(32)).map_err(|_| SealError::NotSealed)?;
    let mut key = Zeroizing::new([0u8; 32]);
    // Argon2's working memory is ours, so that it is wiped after (the crate does not wipe the
    // memory it allocates itself; its own intermediate hash is wiped with its `zeroize` feature).
    let mut memory = Zeroizing::new(vec![argon2::Block::default(); params.block_count()]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into_with_memory(passphrase.as_bytes(), salt, key.as_mut(), &mut memory[..])
        .map_err(|_| SealError::NotSealed)?;
    Ok(key)
}

/// `plain` sealed with `passphrase` (at least `MIN_PASSPHRASE` characters).
pub fn seal(passphrase: &str, plain: &[u8]) -> Result<Vec<u8>, SealError> {
    seal_with(passphrase, plain, M_COST, T_COST, LANES)
}

/// `seal` with other Argon2id parameters (tests and benchmarks).
pub fn seal_with(passphrase: &str, plain: &[u8], m: u32, t: u32, p: u32) -> Result<Vec<u8>, SealError> {
    if passphrase.chars().count() < MIN_PASSPHRASE {
        return Err(SealError::ShortPassphrase);
    }
    let mut random = [0u8; SALT + NONCE];
    getrandom::getrandom(&mut random).expect("the system's random source");
    let (salt, nonce) = random.split_at(SALT);
    let mut out = Vec::with_capacity(HEADER + plain.len() + 16);
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    for n in [m, t, p] {
        out.extend_from_slice(&n.to_le_bytes());
    }
    out.extend_from_slice(salt);
    out.extend_from_slice(nonce);
    let key = derive(passphrase, salt, m, t, p)?;
    let cipher = XChaCha20Poly1305::new(key.as_ref().into());
    let sealed = cipher.encrypt(XNonce::from_slice(nonce), Payload { msg: plain, aad: &out }).map_err(|_| SealError::NotSealed)?;
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Whether `bytes` start as a sealed file does (to say "not this kind of file" before asking for
/// a passphrase).
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// The plain bytes of a sealed file.
pub fn open(passphrase: &str, bytes: &[u8]) -> Result<Zeroizing<Vec<u8>>, SealError> {
    if bytes.len() < HEADER + 16 || !is_sealed(bytes) || bytes[MAGIC.len()] != VERSION {
        return Err(SealError::NotSealed);
    }
    let (header, sealed) = bytes.split_at(HEADER);
    let n = |i: usize| u32::from_le_bytes(header[MAGIC.len() + 1 + 4 * i..MAGIC.len() + 5 + 4 * i].try_into().expect("4 bytes"));
    let (m, t, p) = (n(0), n(1), n(2));
    if m > MAX_M_COST || t > MAX_T_COST || p == 0 || p > MAX_LANES {
        return Err(SealError::NotSealed);
    }
    let salt = &header[MAGIC.len() + 13..MAGIC.len() + 13 + SALT];
    let nonce = &header[MAGIC.len() + 13 + SALT..];
    let key = derive(passphrase, salt, m, t, p)?;
    let cipher = XChaCha20Poly1305::new(key.as_ref().into());
    cipher.decrypt(XNonce::from_slice(nonce), Payload { msg: sealed, aad: header }).map(Zeroizing::new).map_err(|_| SealError::WrongPassphrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Small parameters: these tests are about the format, not the cost.
    fn small(pass: &str, plain: &[u8]) -> Vec<u8> {
        seal_with(pass, plain, 64, 1, 1).unwrap()
    }

    #[test]
    fn what_is_sealed_opens_with_its_passphrase_only_and_holds_nothing_in_the_clear() {
        let plain = b"note: Meeting with the ministry, marker-word-7731";
        let sealed = small("correct horse battery", plain);
        assert!(!sealed.windows(16).any(|w| plain.windows(16).any(|p| p == w)), "no 16 bytes of the plain text appear");
        assert_eq!(&open("correct horse battery", &sealed).unwrap()[..], plain);
        assert_eq!(open("correct horse batterz", &sealed).unwrap_err(), SealError::WrongPassphrase);
        assert_ne!(small("correct horse battery", plain), sealed, "a fresh salt and nonce each time");
    }

    #[test]
    fn a_changed_byte_anywhere_is_refused() {
        let sealed = small("correct horse battery", b"personal data");
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x01;
            assert!(open("correct horse battery", &bad).is_err(), "byte {i} changed");
        }
        assert_eq!(open("correct horse battery", &sealed[..sealed.len() - 1]).unwrap_err(), SealError::WrongPassphrase);
        assert_eq!(open("correct horse battery", &sealed[..HEADER]).unwrap_err(), SealError::NotSealed);
        assert_eq!(open("correct horse battery", b"{\"notes\": []}").unwrap_err(), SealError::NotSealed);
    }

    #[test]
    fn a_file_asking_for_too_much_work_is_refused_before_any() {
        let mut sealed = small("correct horse battery", b"x");
        sealed[MAGIC.len() + 1..MAGIC.len() + 5].copy_from_slice(&(4u32 << 20).to_le_bytes()); // 4 GiB
        assert_eq!(open("correct horse battery", &sealed).unwrap_err(), SealError::NotSealed);
    }

    #[test]
    fn a_short_passphrase_is_refused() {
        assert_eq!(seal("1234567", b"x").unwrap_err(), SealError::ShortPassphrase);
    }
}
